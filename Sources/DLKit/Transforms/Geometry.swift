/// Deterministic image operations — one transform at a time, for a lesson to show — and the bilinear sampler the
/// random augmentations are built on. Geometry acts about the image centre ((W−1)/2, (H−1)/2 in pixel
/// coordinates); areas that come from outside the image are filled with `fill` (0 = black).
extension PixelImage {
    /// The image warped by `matrix` (a map of output positions from input positions, about the centre), sampled
    /// with bilinear interpolation.
    ///
    ///     let tilted = digit.transformed(by: .rotation(degrees: 15).then(.scale(x: 1.1, y: 1.1)))
    public func transformed(by matrix: AffineMatrix, fill: Float = 0) -> PixelImage {
        let cx = Double(width - 1) / 2, cy = Double(height - 1) / 2
        guard let inverse = matrix.about(cx, cy).inverse else {
            return PixelImage(channels: channels, height: height, width: width, value: fill)
        }
        var out = [Float](repeating: fill, count: pixels.count)
        let plane = height * width
        pixels.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<height {
                    // Walk along the row: the source point moves by (a, c) per output pixel.
                    let (rowX, rowY) = inverse.apply(0, Double(y))
                    for x in 0..<width {
                        let sx = rowX + inverse.a * Double(x), sy = rowY + inverse.c * Double(x)
                        for ch in 0..<channels {
                            dst[ch * plane + y * width + x] = PixelImage.bilinear(
                                src.baseAddress! + ch * plane, width: width, height: height, x: sx, y: sy, fill: fill)
                        }
                    }
                }
            }
        }
        return PixelImage(channels: channels, height: height, width: width, pixels: out)
    }

    /// Bilinear interpolation at (x, y) of one channel; neighbours outside the image count as `fill`.
    /// Points within 1e-6 of a pixel centre take that pixel exactly (so quarter turns and whole-pixel shifts copy
    /// pixels instead of blending them with rounding noise).
    @inline(__always)
    static func bilinear(_ p: UnsafePointer<Float>, width: Int, height: Int, x: Double, y: Double, fill: Float) -> Float {
        guard x > -1, y > -1, x < Double(width), y < Double(height) else { return fill }
        let floorX = x.rounded(.down), floorY = y.rounded(.down)
        var x0 = Int(floorX), y0 = Int(floorY)
        var fx = x - floorX, fy = y - floorY
        if fx < 1e-6 { fx = 0 } else if fx > 1 - 1e-6 { fx = 0; x0 += 1 }
        if fy < 1e-6 { fy = 0 } else if fy > 1 - 1e-6 { fy = 0; y0 += 1 }
        let wx = Float(fx), wy = Float(fy)
        if x0 >= 0 && y0 >= 0 && x0 + 1 < width && y0 + 1 < height {
            // Interior: all four neighbours exist.
            let i = y0 * width + x0
            let top = p[i] + (p[i + 1] - p[i]) * wx
            if wy == 0 { return wx == 0 ? p[i] : top }
            let bottom = p[i + width] + (p[i + width + 1] - p[i + width]) * wx
            return top + (bottom - top) * wy
        }
        @inline(__always) func at(_ xx: Int, _ yy: Int) -> Float {
            (xx >= 0 && yy >= 0 && xx < width && yy < height) ? p[yy * width + xx] : fill
        }
        let top = wx == 0 ? at(x0, y0) : at(x0, y0) * (1 - wx) + at(x0 + 1, y0) * wx
        if wy == 0 { return top }
        let bottom = wx == 0 ? at(x0, y0 + 1) : at(x0, y0 + 1) * (1 - wx) + at(x0 + 1, y0 + 1) * wx
        return top * (1 - wy) + bottom * wy
    }

    /// Rotated counter-clockwise by `degrees` about the centre (negative: clockwise).
    ///
    ///     let turned = digit.rotated(by: 90)
    public func rotated(by degrees: Float, fill: Float = 0) -> PixelImage {
        transformed(by: .rotation(degrees: Double(degrees)), fill: fill)
    }

    /// Shifted `dx` pixels to the right and `dy` pixels down (what enters is `fill`).
    ///
    ///     let moved = digit.shifted(dx: 3, dy: -2)   // 3 right, 2 up
    public func shifted(dx: Float, dy: Float, fill: Float = 0) -> PixelImage {
        transformed(by: .translation(dx: Double(dx), dy: Double(dy)), fill: fill)
    }

    /// Sheared horizontally by `degrees`: each row moves right by tan(degrees)·(its distance below the centre).
    ///
    ///     let slanted = digit.sheared(by: 20)
    public func sheared(by degrees: Float, fill: Float = 0) -> PixelImage {
        transformed(by: .shear(xDegrees: Double(degrees)), fill: fill)
    }

    /// Zoomed about the centre: `factor` > 1 magnifies (zoom in), < 1 shrinks (zoom out).
    ///
    ///     let closer = digit.zoomed(by: 1.5)
    public func zoomed(by factor: Float, fill: Float = 0) -> PixelImage {
        transformed(by: .scale(x: Double(factor), y: Double(factor)), fill: fill)
    }

    /// Mirrored left–right.
    ///
    ///     let mirrored = digit.flippedHorizontally()
    public func flippedHorizontally() -> PixelImage {
        var out = self
        for ch in 0..<channels { for y in 0..<height { for x in 0..<width { out[ch, y, x] = self[ch, y, width - 1 - x] } } }
        return out
    }

    /// Mirrored top–bottom.
    ///
    ///     let upsideDown = digit.flippedVertically()
    public func flippedVertically() -> PixelImage {
        var out = self
        for ch in 0..<channels { for y in 0..<height { for x in 0..<width { out[ch, y, x] = self[ch, height - 1 - y, x] } } }
        return out
    }

    /// Surrounded by `padding` pixels of `fill` on every side.
    ///
    ///     let framed = digit.padded(by: 4)   // 36 × 36
    public func padded(by padding: Int, fill: Float = 0) -> PixelImage {
        guard padding > 0 else { return self }
        var out = PixelImage(channels: channels, height: height + 2 * padding, width: width + 2 * padding, value: fill)
        for ch in 0..<channels { for y in 0..<height { for x in 0..<width { out[ch, y + padding, x + padding] = self[ch, y, x] } } }
        return out
    }

    /// The `height` × `width` window whose top-left pixel is (`top`, `left`); parts outside the image are `fill`.
    ///
    ///     let centre = digit.cropped(top: 4, left: 4, height: 20, width: 20)
    public func cropped(top: Int, left: Int, height h: Int, width w: Int, fill: Float = 0) -> PixelImage {
        guard h > 0, w > 0 else { fatalError("cropped: size \(h)×\(w) must be positive") }
        var out = PixelImage(channels: channels, height: h, width: w, value: fill)
        for ch in 0..<channels {
            for y in 0..<h where top + y >= 0 && top + y < height {
                for x in 0..<w where left + x >= 0 && left + x < width {
                    out[ch, y, x] = self[ch, top + y, left + x]
                }
            }
        }
        return out
    }

    /// Resized to `height` × `width` with bilinear interpolation (pixel-area aligned, as torchvision and PIL:
    /// source = (destination + ½)·in/out − ½, clamped to the edge).
    ///
    ///     let small = digit.resized(height: 14, width: 14)
    public func resized(height h: Int, width w: Int) -> PixelImage {
        guard h > 0, w > 0 else { fatalError("resized: size \(h)×\(w) must be positive") }
        if h == height && w == width { return self }
        var out = PixelImage(channels: channels, height: h, width: w, value: 0)
        let sy = Double(height) / Double(h), sx = Double(width) / Double(w)
        for y in 0..<h {
            let fy = min(max((Double(y) + 0.5) * sy - 0.5, 0), Double(height - 1))
            for x in 0..<w {
                let fx = min(max((Double(x) + 0.5) * sx - 0.5, 0), Double(width - 1))
                for ch in 0..<channels {
                    out[ch, y, x] = pixels.withUnsafeBufferPointer {
                        PixelImage.bilinear($0.baseAddress! + ch * height * width, width: width, height: height,
                                            x: fx, y: fy, fill: 0)
                    }
                }
            }
        }
        return out
    }

    /// (pixel − mean[c]) / std[c] per channel; one value applies to every channel.
    ///
    ///     let standardized = digit.normalized(mean: [0.1307], std: [0.3081])   // MNIST's statistics
    public func normalized(mean: [Float], std: [Float]) -> PixelImage {
        guard (mean.count == 1 || mean.count == channels), (std.count == 1 || std.count == channels),
              std.allSatisfy({ $0 != 0 }) else {
            fatalError("normalized: \(mean.count) means and \(std.count) stds (all non-zero) for \(channels) channels")
        }
        var out = self
        let plane = height * width
        for ch in 0..<channels {
            let m = mean.count == 1 ? mean[0] : mean[ch], s = std.count == 1 ? std[0] : std[ch]
            for i in ch * plane ..< (ch + 1) * plane { out.pixels[i] = (pixels[i] - m) / s }
        }
        return out
    }
}
