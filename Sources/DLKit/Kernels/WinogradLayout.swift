extension WinogradConv2D {
    /// How a batch is cut into chunks of tiles, and where each tile lives.
    ///
    /// Output tile `(ti, tj)` of an image covers outputs `2ti…2ti+1 × 2tj…2tj+1` and reads the 4×4 input block
    /// at rows `2ti − padY …`, columns `2tj − padX …`. Each image channel is first copied into a zero-bordered
    /// plane (`paddedHeight × paddedWidth`), so that every tile reads inside it. A chunk's matrices V[ξ]
    /// (in × T) and M[ξ] (out × T) have rows `leading` floats long (T rounded up to 8, for whole SIMD blocks).
    struct Layout {
        let g: Conv2DGeometry
        let tilesY: Int, tilesX: Int, tilesPerImage: Int
        let imagesPerChunk: Int, chunks: Int
        let leading: Int
        let paddedHeight: Int, paddedWidth: Int
        /// Per tile of a full chunk: offset of its top-left output inside the chunk's first image's channel 0.
        let tileOffsets: [Int]
        /// Per tile: whether its second row / second column of outputs exists (odd output sizes).
        let hasSecondRow: [Bool], hasSecondColumn: [Bool]

        /// About this many tiles per chunk: enough columns for efficient GEMMs, few enough for the cache.
        static let targetTilesPerChunk = 196

        init(_ g: Conv2DGeometry) {
            self.g = g
            tilesY = (g.outHeight + 1) / 2; tilesX = (g.outWidth + 1) / 2
            tilesPerImage = tilesY * tilesX
            imagesPerChunk = max(1, min(g.batch, Self.targetTilesPerChunk / tilesPerImage))
            chunks = (g.batch + imagesPerChunk - 1) / imagesPerChunk
            leading = (imagesPerChunk * tilesPerImage + 7) / 8 * 8
            paddedHeight = 2 * tilesY + 2; paddedWidth = 2 * tilesX + 2
            var offsets: [Int] = [], rows: [Bool] = [], columns: [Bool] = []
            let imageOutput = g.outChannels * g.outHeight * g.outWidth
            for image in 0..<imagesPerChunk {
                for ti in 0..<tilesY {
                    for tj in 0..<tilesX {
                        offsets.append(image * imageOutput + 2 * ti * g.outWidth + 2 * tj)
                        rows.append(2 * ti + 1 < g.outHeight); columns.append(2 * tj + 1 < g.outWidth)
                    }
                }
            }
            tileOffsets = offsets; hasSecondRow = rows; hasSecondColumn = columns
        }

        func images(_ chunk: Int) -> Range<Int> {
            chunk * imagesPerChunk ..< min(g.batch, (chunk + 1) * imagesPerChunk)
        }
        func tiles(_ chunk: Int) -> Int { images(chunk).count * tilesPerImage }
        /// Floats of one chunk's V (16 × in × leading).
        var inputChunkCount: Int { 16 * g.inChannels * leading }
        /// Floats of one chunk's M or ∂M (16 × out × leading).
        var productChunkCount: Int { 16 * g.outChannels * leading }
    }

    /// V = Bᵀ d B for every tile and input channel of a chunk.
    static func transformInput(_ l: Layout, chunk: Int, input: UnsafePointer<Float>, v: UnsafeMutablePointer<Float>,
                               plane: UnsafeMutablePointer<Float>) {
        let g = l.g, c = g.inChannels, hw = g.height * g.width, pw = l.paddedWidth, ld = l.leading
        let images = l.images(chunk)
        for (n, b) in images.enumerated() {
            for ch in 0..<c {
                // The plane's border stays zero: only the image's own pixels are ever written into it.
                let source = input + (b * c + ch) * hw
                for y in 0..<g.height {
                    (plane + (y + g.padY) * pw + g.padX).update(from: source + y * g.width, count: g.width)
                }
                let out = v + ch * ld + n * l.tilesPerImage
                for ti in 0..<l.tilesY {
                    for tj in 0..<l.tilesX {
                        WinogradF2x3.inputTile(plane + 2 * ti * pw + 2 * tj, rowStride: pw,
                                               out + ti * l.tilesX + tj, stride: c * ld)
                    }
                }
            }
        }
    }

    /// y = Aᵀ M A + bias (then ReLU) for every tile and output channel of a chunk, eight tiles at a time.
    static func transformOutput(_ l: Layout, chunk: Int, m: UnsafePointer<Float>, bias: UnsafePointer<Float>?,
                                relu: Bool, output: UnsafeMutablePointer<Float>) {
        let g = l.g, o = g.outChannels, p = g.outHeight * g.outWidth, ow = g.outWidth, ld = l.leading
        let tiles = l.tiles(chunk), base = output + l.images(chunk).lowerBound * o * p
        for ch in 0..<o {
            let shift = WinogradF2x3.Lanes(repeating: bias?[ch] ?? 0)
            let plane = base + ch * p
            var t = 0
            while t < tiles {
                var (y00, y01, y10, y11) = WinogradF2x3.outputTiles(m + ch * ld + t, stride: o * ld)
                y00 += shift; y01 += shift; y10 += shift; y11 += shift
                if relu {
                    y00 = y00.replacing(with: 0, where: y00 .< 0); y01 = y01.replacing(with: 0, where: y01 .< 0)
                    y10 = y10.replacing(with: 0, where: y10 .< 0); y11 = y11.replacing(with: 0, where: y11 .< 0)
                }
                for lane in 0..<min(8, tiles - t) {
                    let at = plane + l.tileOffsets[t + lane]
                    at[0] = y00[lane]
                    if l.hasSecondColumn[t + lane] { at[1] = y01[lane] }
                    if l.hasSecondRow[t + lane] {
                        at[ow] = y10[lane]
                        if l.hasSecondColumn[t + lane] { at[ow + 1] = y11[lane] }
                    }
                }
                t += 8
            }
        }
    }

    /// ∂M = A ∂Y Aᵀ for every tile and output channel of a chunk (outputs beyond the image count as 0).
    static func transformOutputGradient(_ l: Layout, chunk: Int, outputGradient dy: UnsafePointer<Float>,
                                        dm: UnsafeMutablePointer<Float>) {
        let g = l.g, o = g.outChannels, p = g.outHeight * g.outWidth, ow = g.outWidth, ld = l.leading
        let tiles = l.tiles(chunk), base = dy + l.images(chunk).lowerBound * o * p
        for ch in 0..<o {
            let plane = base + ch * p
            var t = 0
            while t < tiles {
                var y00 = WinogradF2x3.Lanes(), y01 = y00, y10 = y00, y11 = y00
                for lane in 0..<min(8, tiles - t) {
                    let at = plane + l.tileOffsets[t + lane]
                    y00[lane] = at[0]
                    if l.hasSecondColumn[t + lane] { y01[lane] = at[1] }
                    if l.hasSecondRow[t + lane] {
                        y10[lane] = at[ow]
                        if l.hasSecondColumn[t + lane] { y11[lane] = at[ow + 1] }
                    }
                }
                WinogradF2x3.storeOutputTileGradients(y00, y01, y10, y11, dm + ch * ld + t, stride: o * ld)
                t += 8
            }
        }
    }

    /// ∂x = B ∂V Bᵀ summed over the overlapping tiles of each image channel of a chunk (overwrites ∂x there).
    static func transformInputGradient(_ l: Layout, chunk: Int, dv: UnsafePointer<Float>,
                                       plane: UnsafeMutablePointer<Float>, inputGradient dx: UnsafeMutablePointer<Float>) {
        let g = l.g, c = g.inChannels, hw = g.height * g.width, pw = l.paddedWidth, ld = l.leading
        for (n, b) in l.images(chunk).enumerated() {
            for ch in 0..<c {
                plane.update(repeating: 0, count: l.paddedHeight * pw)
                let source = dv + ch * ld + n * l.tilesPerImage
                for ti in 0..<l.tilesY {
                    for tj in 0..<l.tilesX {
                        WinogradF2x3.addInputTileGradient(source + ti * l.tilesX + tj, stride: c * ld,
                                                          plane + 2 * ti * pw + 2 * tj, rowStride: pw)
                    }
                }
                let target = dx + (b * c + ch) * hw
                for y in 0..<g.height {
                    target.advanced(by: y * g.width).update(from: plane + (y + g.padY) * pw + g.padX, count: g.width)
                }
            }
        }
    }
}
