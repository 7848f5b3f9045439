"""Baseline for the benchmarks: an almost empty Streamlit app with one pills widget."""

import streamlit as st

st.title("Empty app")
st.pills("Label", ["a"], key="other")
batch = st.pills("Batch", list(range(1, 9)), selection_mode="multi", key="batch")
st.write(batch)
