"""Internals of the pendant's 3D view: meshes and link frames, cameras, raster kernels."""
