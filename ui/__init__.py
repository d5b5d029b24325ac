"""Thin Streamlit layer: cached data, session state, shared components and the page list."""
