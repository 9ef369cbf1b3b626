extension WinogradConv2D {
    /// How a batch is cut into chunks of tiles, and where each tile lives.
    ///
    /// Output tile `(ti, tj)` of an image covers outputs `2ti…2ti+1 × 2tj…2tj+1` and reads the 4×4 input block at
    /// rows `2ti − padY …`, columns `2tj − padX …`. Each image channel is first copied into a zero-bordered plane
    /// (`planeHeight × planeWidth`), so that every tile reads inside it. The transforms work on eight tiles of a
    /// tile row at once (one SIMD lane each), so a chunk's matrices V[ξ] (in × T) and M[ξ] (out × T) have rows
    /// `leading` floats long: T rounded up to 8, plus 8 floats where a row's last block may spill.
    struct Layout {
        let g: Conv2DGeometry
        let tilesY: Int, tilesX: Int, tilesPerImage: Int, blocksX: Int
        let imagesPerChunk: Int, chunks: Int
        let leading: Int
        let planeHeight: Int, planeWidth: Int

        /// About this many tiles per chunk, so that a chunk's V and M stay in a core's L2 cache (measured on the
        /// CNN's second layer, batch 64, one core: forward 7.0 / 6.9 / 7.6 / 8.2 ms and backward 12.1 / 12.6 / 14.4 /
        /// 15.4 ms at 49 / 98 / 196 / 392 tiles).
        static let targetTilesPerChunk = 64

        init(_ g: Conv2DGeometry) {
            self.g = g
            tilesY = (g.outHeight + 1) / 2; tilesX = (g.outWidth + 1) / 2
            tilesPerImage = tilesY * tilesX
            blocksX = (tilesX + 7) / 8
            imagesPerChunk = max(1, min(g.batch, Self.targetTilesPerChunk / tilesPerImage))
            chunks = (g.batch + imagesPerChunk - 1) / imagesPerChunk
            leading = (imagesPerChunk * tilesPerImage + 7) / 8 * 8 + 8
            planeHeight = 2 * tilesY + 2
            planeWidth = 16 * blocksX + 4   // room for the 16-float loads and adds at 2·tj₀ + 2 of the last block
        }

        func images(_ chunk: Int) -> Range<Int> {
            chunk * imagesPerChunk ..< min(g.batch, (chunk + 1) * imagesPerChunk)
        }
        func tiles(_ chunk: Int) -> Int { images(chunk).count * tilesPerImage }
        /// Floats of one chunk's V (16 matrices in × leading).
        var inputChunkCount: Int { 16 * inputStride }
        /// Floats of one chunk's M or ∂M (16 matrices out × leading).
        var productChunkCount: Int { 16 * productStride }
        /// Floats from V[ξ] to V[ξ + 1] (and M[ξ] to M[ξ + 1]): the matrix plus one cache line, so that the 16
        /// positions of a tile, read and written together, fall into different cache sets (matrices a multiple of
        /// 4 KiB apart all map to the same few sets of the 8-way L1 cache).
        var inputStride: Int { g.inChannels * leading + 16 }
        var productStride: Int { g.outChannels * leading + 16 }
        var planeCount: Int { planeHeight * planeWidth }
    }

    typealias Lanes = WinogradF2x3.Lanes
    typealias Pairs = SIMD16<Float>

    /// V = Bᵀ d B for every tile and input channel of a chunk. Lanes past a tile row's end write into the next
    /// row's slots (overwritten right after) or into the row padding.
    static func transformInput(_ l: Layout, chunk: Int, input: UnsafePointer<Float>, v: UnsafeMutablePointer<Float>,
                               plane: UnsafeMutablePointer<Float>) {
        let g = l.g, c = g.inChannels, hw = g.height * g.width, pw = l.planeWidth, q = l.inputStride
        for (n, b) in l.images(chunk).enumerated() {
            for ch in 0..<c {
                // The plane's border stays zero: only the image's own pixels are ever written into it.
                let source = input + (b * c + ch) * hw
                for y in 0..<g.height {
                    (plane + (y + g.padY) * pw + g.padX).update(from: source + y * g.width, count: g.width)
                }
                let out = v + ch * l.leading + n * l.tilesPerImage
                for ti in 0..<l.tilesY {
                    for block in 0..<l.blocksX {
                        let at = plane + 2 * ti * pw + 16 * block
                        WinogradF2x3.inputTiles(UnsafePointer(at), rowStride: pw, out + ti * l.tilesX + 8 * block, stride: q)
                    }
                }
            }
        }
    }

    /// y = Aᵀ M A + bias (then ReLU) for every tile and output channel of a chunk.
    static func transformOutput(_ l: Layout, chunk: Int, m: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                relu: Bool, output: UnsafeMutablePointer<Float>) {
        let g = l.g, o = g.outChannels, p = g.outHeight * g.outWidth, ow = g.outWidth, q = l.productStride
        for (n, b) in l.images(chunk).enumerated() {
            for ch in 0..<o {
                let shift = Lanes(repeating: bias?[ch] ?? 0)
                let source = m + ch * l.leading + n * l.tilesPerImage, plane = output + (b * o + ch) * p
                for ti in 0..<l.tilesY {
                    for block in 0..<l.blocksX {
                        var (y00, y01, y10, y11) = WinogradF2x3.outputTiles(source + ti * l.tilesX + 8 * block, stride: q)
                        y00 += shift; y01 += shift; y10 += shift; y11 += shift
                        if relu {
                            // As `relu()`: everything not above 0 (also −0 and NaN) becomes 0.
                            y00.replace(with: 0, where: .!(y00 .> 0)); y01.replace(with: 0, where: .!(y01 .> 0))
                            y10.replace(with: 0, where: .!(y10 .> 0)); y11.replace(with: 0, where: .!(y11 .> 0))
                        }
                        let column = 16 * block, count = min(16, ow - column)
                        store(WinogradF2x3.interleave(y00, y01), plane + 2 * ti * ow + column, count: count)
                        if 2 * ti + 1 < g.outHeight { store(WinogradF2x3.interleave(y10, y11), plane + (2 * ti + 1) * ow + column, count: count) }
                    }
                }
            }
        }
    }

    /// ∂M = A ∂Y Aᵀ for every tile and output channel of a chunk (outputs beyond the image count as 0: each
    /// output row is first copied into a zero-padded row).
    static func transformOutputGradient(_ l: Layout, chunk: Int, outputGradient dy: UnsafePointer<Float>,
                                        dm: UnsafeMutablePointer<Float>) {
        let g = l.g, o = g.outChannels, p = g.outHeight * g.outWidth, ow = g.outWidth, q = l.productStride
        let rowLength = 16 * l.blocksX
        let rows = WinogradConv2D.zeroed(2 * rowLength)
        defer { rows.deallocate() }
        let top = rows, bottom = rows + rowLength
        for (n, b) in l.images(chunk).enumerated() {
            for ch in 0..<o {
                let plane = dy + (b * o + ch) * p, out = dm + ch * l.leading + n * l.tilesPerImage
                for ti in 0..<l.tilesY {
                    top.update(from: plane + 2 * ti * ow, count: ow)
                    if 2 * ti + 1 < g.outHeight { bottom.update(from: plane + (2 * ti + 1) * ow, count: ow) }
                    else { bottom.update(repeating: 0, count: ow) }
                    for block in 0..<l.blocksX {
                        let t = load(top + 16 * block), d = load(bottom + 16 * block)
                        WinogradF2x3.storeOutputTileGradients(t.evenHalf, t.oddHalf, d.evenHalf, d.oddHalf,
                                                              out + ti * l.tilesX + 8 * block, stride: q)
                    }
                }
            }
        }
    }

    /// ∂x = B ∂V Bᵀ summed over the overlapping tiles of each image channel of a chunk (overwrites ∂x there).
    static func transformInputGradient(_ l: Layout, chunk: Int, dv: UnsafePointer<Float>,
                                       plane: UnsafeMutablePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>) {
        let g = l.g, c = g.inChannels, hw = g.height * g.width, pw = l.planeWidth, q = l.inputStride
        for (n, b) in l.images(chunk).enumerated() {
            for ch in 0..<c {
                plane.update(repeating: 0, count: l.planeCount)
                let source = dv + ch * l.leading + n * l.tilesPerImage
                for ti in 0..<l.tilesY {
                    for block in 0..<l.blocksX {
                        // Lanes past the row's last tile hold the next row's tiles: they must add nothing here.
                        let valid = min(8, l.tilesX - 8 * block)
                        WinogradF2x3.addInputTileGradients(source + ti * l.tilesX + 8 * block, stride: q, lanes: valid,
                                                           plane + 2 * ti * pw + 16 * block, rowStride: pw)
                    }
                }
                let target = dx + (b * c + ch) * hw
                for y in 0..<g.height {
                    (target + y * g.width).update(from: plane + (y + g.padY) * pw + g.padX, count: g.width)
                }
            }
        }
    }

    /// Writes the first `count` (≤ 16) floats of `values` to `p`.
    @inline(__always)
    static func store(_ values: Pairs, _ p: UnsafeMutablePointer<Float>, count: Int) {
        if count == 16 { UnsafeMutableRawPointer(p).storeBytes(of: values, as: Pairs.self); return }
        for j in 0..<count { p[j] = values[j] }
    }

    @inline(__always)
    static func load(_ p: UnsafeMutablePointer<Float>) -> Pairs { UnsafeRawPointer(p).loadUnaligned(as: Pairs.self) }
}
