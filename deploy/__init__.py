"""Deployment: nginx in front of N Streamlit replicas (replicas.py), the container image and its examples."""
