"""The slide map (PNG/SVG, matplotlib): Albers projection with the South China Sea inset."""
