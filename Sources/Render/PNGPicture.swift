/// Anything that draws itself as a PNG with sensible defaults: every chart and image type of Render.
/// Lets the lesson runtime offer one `show(_:)` for all of them.
///
///     let pictures: [any Picture] = [LineChart(series: [Series("loss", y: losses)]), GrayImage(pixels: digit, width: 28, height: 28)]
///     let pngs = try pictures.map { try $0.png() }
public protocol Picture {
    /// The picture at its default size (charts 1280×800, images upscaled to about 256 pixels).
    func png() throws -> PNGImage
}

extension LineChart: Picture { public func png() throws -> PNGImage { try render() } }
extension ScatterPlot: Picture { public func png() throws -> PNGImage { try render() } }
extension FunctionPlot: Picture { public func png() throws -> PNGImage { try render() } }
extension BarChart: Picture { public func png() throws -> PNGImage { try render() } }
extension Heatmap: Picture { public func png() throws -> PNGImage { try render() } }
extension ConfusionMatrix: Picture { public func png() throws -> PNGImage { try render() } }
extension GrayImage: Picture { public func png() throws -> PNGImage { try png(scale: nil) } }
extension ColorImage: Picture { public func png() throws -> PNGImage { try png(scale: nil) } }
extension MappedImage: Picture { public func png() throws -> PNGImage { try png(scale: nil) } }
extension FeatureMaps: Picture { public func png() throws -> PNGImage { try png(scale: nil) } }
extension ImageGrid: Picture { public func png() throws -> PNGImage { try png(scale: nil) } }
extension MatrixGrid: Picture {}
extension MatrixRow: Picture {}
extension PNGImage: Picture { public func png() throws -> PNGImage { self } }
