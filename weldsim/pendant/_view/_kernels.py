"""Numba kernels of the 3D view: a flat-shaded triangle rasteriser and a line rasteriser, both
depth-tested against a shared depth buffer.

Plain functions of arrays, compiled once with ``cache=True``. Conventions shared by all:

- camera frame: x right, y down, z forward (m); pixel ``u = cx + f x / z``, ``v = cy + f y / z``
  with pixel centres at half-integers;
- ``color`` is an (H, W) uint32 buffer of packed ``R | G << 8 | B << 16`` (pygame's ``RGBX``
  byte order on a little-endian machine);
- ``inv_depth`` is an (H, W) float32 buffer of ``1 / z`` (0 = nothing drawn, larger = nearer).
"""

from __future__ import annotations

import numpy as np

from weldsim._jit import njit

__all__ = ["outline", "raster_lines", "raster_triangles"]


@njit(cache=True, nogil=True)
def _grow(dirty, x0, y0, x1, y1):
    """Grow the dirty rectangle ``[x_min, y_min, x_max, y_max]`` (inclusive pixels)."""
    dirty[0] = min(dirty[0], x0)
    dirty[1] = min(dirty[1], y0)
    dirty[2] = max(dirty[2], x1)
    dirty[3] = max(dirty[3], y1)


@njit(cache=True, nogil=True)
def _fill_triangle(color, inv_depth, x0, y0, w0, x1, y1, w1, x2, y2, w2, rgb, dirty):
    """Fill one screen-space triangle (pixels, ``w`` = 1/z) where it is nearer than the buffer."""
    h, w = color.shape
    area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0)
    if abs(area) < 1e-12:
        return
    if area < 0.0:  # make the winding counter-clockwise in pixel space
        x1, y1, w1, x2, y2, w2 = x2, y2, w2, x1, y1, w1
        area = -area
    xmin = max(int(np.floor(min(x0, x1, x2))), 0)
    xmax = min(int(np.ceil(max(x0, x1, x2))), w - 1)
    ymin = max(int(np.floor(min(y0, y1, y2))), 0)
    ymax = min(int(np.ceil(max(y0, y1, y2))), h - 1)
    if xmin > xmax or ymin > ymax:
        return
    _grow(dirty, xmin, ymin, xmax, ymax)
    inv_area = 1.0 / area
    # edge functions e_k(x, y) = a_k x + b_k y + c_k, >= 0 inside
    a0, b0 = y1 - y2, x2 - x1
    a1, b1 = y2 - y0, x0 - x2
    a2, b2 = y0 - y1, x1 - x0
    c0 = x1 * y2 - x2 * y1
    c1 = x2 * y0 - x0 * y2
    c2 = x0 * y1 - x1 * y0
    # 1/z is affine in the pixel coordinates: z(x, y) = zx x + zy y + z0
    zx = (a0 * w0 + a1 * w1 + a2 * w2) * inv_area
    zy = (b0 * w0 + b1 * w1 + b2 * w2) * inv_area
    z0 = (c0 * w0 + c1 * w1 + c2 * w2) * inv_area
    # a tiny tolerance so shared edges leave no gaps
    eps = -1e-9 * area
    for py in range(ymin, ymax + 1):
        fy = py + 0.5
        lo = xmin + 0.0
        hi = xmax + 1.0
        empty = False
        # the span of pixel centres x + 0.5 where every edge function is >= eps
        for a, b, c in ((a0, b0, c0), (a1, b1, c1), (a2, b2, c2)):
            rest = b * fy + c - eps
            if a > 0.0:
                lo = max(lo, -rest / a)
            elif a < 0.0:
                hi = min(hi, -rest / a)
            elif rest < 0.0:
                empty = True
        if empty or lo > hi:
            continue
        x_start = max(int(np.ceil(lo - 0.5)), xmin)
        x_end = min(int(np.floor(hi - 0.5)), xmax)
        z = zx * (x_start + 0.5) + zy * fy + z0
        for px in range(x_start, x_end + 1):
            if z > inv_depth[py, px]:
                inv_depth[py, px] = z
                color[py, px] = rgb
            z += zx


@njit(cache=True, nogil=True)
def raster_triangles(tri_cam, rgb, focal, cx, cy, near, color, inv_depth, dirty):
    """Rasterise triangles given in the camera frame, clipping them at the near plane.

    Parameters
    ----------
    tri_cam : numpy.ndarray
        (T, 3, 3) float64 vertices in the camera frame (m).
    rgb : numpy.ndarray
        (T,) uint32 packed colour of each triangle.
    focal, cx, cy : float
        Focal length and principal point (px).
    near : float
        Near plane distance (m); the parts of triangles nearer than it are cut off.
    color, inv_depth : numpy.ndarray
        (H, W) uint32 and float32 buffers, updated in place.
    dirty : numpy.ndarray
        (4,) int64 ``[x_min, y_min, x_max, y_max]``, grown to cover every pixel drawn.
    """
    poly = np.empty((4, 3))
    for t in range(tri_cam.shape[0]):
        za = tri_cam[t, 0, 2]
        zb = tri_cam[t, 1, 2]
        zc = tri_cam[t, 2, 2]
        if za < near and zb < near and zc < near:
            continue
        n = 0
        if za >= near and zb >= near and zc >= near:
            for k in range(3):
                poly[k, 0] = tri_cam[t, k, 0]
                poly[k, 1] = tri_cam[t, k, 1]
                poly[k, 2] = tri_cam[t, k, 2]
            n = 3
        else:  # Sutherland-Hodgman against z = near
            for k in range(3):
                j = (k + 1) % 3
                zk = tri_cam[t, k, 2]
                zj = tri_cam[t, j, 2]
                if zk >= near:
                    poly[n, 0] = tri_cam[t, k, 0]
                    poly[n, 1] = tri_cam[t, k, 1]
                    poly[n, 2] = zk
                    n += 1
                if (zk >= near) != (zj >= near):
                    s = (near - zk) / (zj - zk)
                    poly[n, 0] = tri_cam[t, k, 0] + s * (tri_cam[t, j, 0] - tri_cam[t, k, 0])
                    poly[n, 1] = tri_cam[t, k, 1] + s * (tri_cam[t, j, 1] - tri_cam[t, k, 1])
                    poly[n, 2] = near
                    n += 1
        iz0 = 1.0 / poly[0, 2]
        x0 = cx + focal * poly[0, 0] * iz0
        y0 = cy + focal * poly[0, 1] * iz0
        for k in range(1, n - 1):
            iz1 = 1.0 / poly[k, 2]
            iz2 = 1.0 / poly[k + 1, 2]
            _fill_triangle(color, inv_depth, x0, y0, iz0,
                           cx + focal * poly[k, 0] * iz1, cy + focal * poly[k, 1] * iz1, iz1,
                           cx + focal * poly[k + 1, 0] * iz2, cy + focal * poly[k + 1, 1] * iz2,
                           iz2, rgb[t], dirty)


@njit(cache=True, nogil=True)
def raster_lines(seg_cam, rgb, width_px, width_m, focal, cx, cy, near, bias_m, write_depth,
                 color, inv_depth, dirty):
    """Rasterise thick 3D line segments, depth-tested as if ``bias_m`` nearer the camera (so
    lines lying on a surface, or in a corner, stay visible).

    Parameters
    ----------
    seg_cam : numpy.ndarray
        (S, 2, 3) float64 segment ends in the camera frame (m).
    rgb : numpy.ndarray
        (S,) uint32 packed colours.
    width_px : float
        Minimum line width (px).
    width_m : float
        World width (m): the line is ``max(width_px, width_m * focal / z)`` pixels wide.
    focal, cx, cy, near : float
        As for :func:`raster_triangles`.
    bias_m : float
        Depth bias (m): a pixel is drawn where ``1 / (z - bias_m)`` beats the buffer.
    write_depth : bool
        Whether drawn pixels update the depth buffer.
    color, inv_depth : numpy.ndarray
        (H, W) buffers, updated in place.
    dirty : numpy.ndarray
        (4,) int64 dirty rectangle, as for :func:`raster_triangles`.
    """
    h, w = color.shape
    for s in range(seg_cam.shape[0]):
        ax, ay, az = seg_cam[s, 0, 0], seg_cam[s, 0, 1], seg_cam[s, 0, 2]
        bx, by, bz = seg_cam[s, 1, 0], seg_cam[s, 1, 1], seg_cam[s, 1, 2]
        if az < near and bz < near:
            continue
        if az < near:
            u = (near - az) / (bz - az)
            ax, ay, az = ax + u * (bx - ax), ay + u * (by - ay), near
        elif bz < near:
            u = (near - bz) / (az - bz)
            bx, by, bz = bx + u * (ax - bx), by + u * (ay - by), near
        wa, wb = 1.0 / az, 1.0 / bz
        xa, ya = cx + focal * ax * wa, cy + focal * ay * wa
        xb, yb = cx + focal * bx * wb, cy + focal * by * wb
        # Liang-Barsky: keep the part of the projected segment on the screen (plus a margin)
        t0, t1 = 0.0, 1.0
        dx, dy = xb - xa, yb - ya
        margin = 8.0
        for p_, q_ in ((-dx, xa + margin), (dx, w + margin - xa), (-dy, ya + margin),
                       (dy, h + margin - ya)):
            if p_ == 0.0:
                if q_ < 0.0:
                    t0, t1 = 1.0, 0.0
            else:
                r = q_ / p_
                if p_ < 0.0:
                    t0 = max(t0, r)
                else:
                    t1 = min(t1, r)
        if t0 > t1:
            continue
        xa, ya, xb, yb = xa + t0 * dx, ya + t0 * dy, xa + t1 * dx, ya + t1 * dy
        wa, wb = wa + t0 * (wb - wa), wa + t1 * (wb - wa)
        steps = int(max(abs(xb - xa), abs(yb - ya))) + 1
        for i in range(steps + 1):
            u = i / steps
            x = xa + u * (xb - xa)
            y = ya + u * (yb - ya)
            iz = wa + u * (wb - wa)
            half = 0.5 * max(width_px, width_m * focal * iz)
            x0 = int(np.floor(x - half + 0.5))
            x1 = int(np.floor(x + half - 0.5))
            y0 = int(np.floor(y - half + 0.5))
            y1 = int(np.floor(y + half - 0.5))
            if x1 < x0:
                x1 = x0
            if y1 < y0:
                y1 = y0
            zt = iz / max(1.0 - bias_m * iz, 0.1)
            x0 = max(x0, 0)
            x1 = min(x1, w - 1)
            y0 = max(y0, 0)
            y1 = min(y1, h - 1)
            if x0 > x1 or y0 > y1:
                continue
            _grow(dirty, x0, y0, x1, y1)
            for py in range(y0, y1 + 1):
                for px in range(x0, x1 + 1):
                    if zt >= inv_depth[py, px]:
                        color[py, px] = rgb[s]
                        if write_depth:
                            inv_depth[py, px] = iz


@njit(cache=True, nogil=True)
def outline(color, inv_depth, threshold, keep, out, region):
    """Soften and darken the pixels on depth edges (silhouettes and creases) into ``out``.

    ``1 / z`` is affine across a plane in screen space, so its second difference vanishes on
    flat faces and jumps where a face ends or folds. A pixel whose second difference along x
    or y, relative to its own ``1 / z``, exceeds ``threshold``, or a drawn pixel next to an
    empty one (the sky), gets the mean of itself (weight 4) and its four neighbours (weight 1
    each), scaled by ``keep``: a cheap stand-in for anti-aliasing that also draws the edges.

    Parameters
    ----------
    color, inv_depth : numpy.ndarray
        (H, W) buffers of the finished picture.
    threshold : float
        Relative second-difference threshold.
    keep : float
        Brightness factor of edge pixels (0–1).
    out : numpy.ndarray
        (H, W) uint32 result, written inside ``region`` only.
    region : numpy.ndarray
        (4,) ``[x_min, y_min, x_max, y_max]`` pixels to process (inclusive; clipped to the
        picture).
    """
    h, w = color.shape
    k = int(keep * 256.0)
    xa, ya = max(region[0], 0), max(region[1], 0)
    xb, yb = min(region[2], w - 1), min(region[3], h - 1)
    for y in range(ya, yb + 1):
        for x in range(xa, xb + 1):
            out[y, x] = color[y, x]
    for y in range(max(ya, 1), min(yb, h - 2) + 1):
        for x in range(max(xa, 1), min(xb, w - 2) + 1):
            v = color[y, x]
            c = inv_depth[y, x]
            if c <= 0.0:
                continue
            l_ = inv_depth[y, x - 1]
            r = inv_depth[y, x + 1]
            u = inv_depth[y - 1, x]
            d = inv_depth[y + 1, x]
            edge = l_ <= 0.0 or r <= 0.0 or u <= 0.0 or d <= 0.0
            if not edge:
                lim = threshold * c
                edge = abs(l_ + r - 2.0 * c) > lim or abs(u + d - 2.0 * c) > lim
            if edge:
                rr = 4 * (v & 0xFF)
                gg = 4 * ((v >> 8) & 0xFF)
                bb = 4 * ((v >> 16) & 0xFF)
                for n in (color[y, x - 1], color[y, x + 1], color[y - 1, x], color[y + 1, x]):
                    rr += n & 0xFF
                    gg += (n >> 8) & 0xFF
                    bb += (n >> 16) & 0xFF
                rr = (rr * k) >> 11
                gg = (gg * k) >> 11
                bb = (bb * k) >> 11
                out[y, x] = rr | (gg << 8) | (bb << 16)
