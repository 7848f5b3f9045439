"""Widget behaviour Streamlit lacks: a typed date applies on Enter or Tab, a dropdown closes on a choice."""

# A dropdown left open swallowed the next click on the page.

# Streamlit's date field applies what was typed when focus moves on to another control: Enter and a Tab out
# of its last part now move it on. A multiselect keeps its list open after a choice: the choice now takes
# focus away from it, which closes the list. One small script, added to the page once, no network.

from __future__ import annotations

import streamlit as st

JS = """
export default function () {
  if (window.__pilotZonesBehave) return;
  window.__pilotZonesBehave = true;
  const dateField = (el) => el && el.closest && el.closest('[data-testid="stDateInput"]');
  document.addEventListener('keydown', (event) => {
    const field = dateField(event.target);
    if (!field) return;
    const parts = [...field.querySelectorAll('[role="spinbutton"]')];
    const last = parts[parts.length - 1];
    if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey && event.target === last)) {
      // The field applies what was typed when focus moves on to another control: move it on, as Tab does.
      const all = [...document.querySelectorAll(
        'button, input, [role="spinbutton"], [tabindex]:not([tabindex="-1"]), a[href]')]
        .filter((e) => !field.contains(e) && e.offsetParent !== null);
      const next = all.find((e) => field.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING);
      event.preventDefault();
      if (next) next.focus(); else event.target.blur();
    }
  }, true);
  document.addEventListener('click', (event) => {
    const option = event.target.closest && event.target.closest('[role="option"]');
    if (!option) return;
    setTimeout(() => {  // after the widget has taken the choice
      const active = document.activeElement;
      if (active && active.closest && active.closest('[data-testid="stMultiSelect"]')) active.blur();
    }, 0);
  }, true);
}
"""
_component = st.components.v2.component("pilot_zones_behave", js=JS, isolate_styles=False)


def mount() -> None:
    """Add the script to the page (once per page; it takes no room)."""
    _component(key="behave", height=0)
