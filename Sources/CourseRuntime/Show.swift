import Checksum
import CourseWire
import Foundation
import Render

/// Shows a picture under the cell: writes the PNG to the output folder under its content hash and reports it with
/// what it shows — the lesson's own `description`, else what the chart or image says of itself (`summary`:
/// kind, title, axes, series; sizes and captions), the page's alt text.
///
///     let chart = try LineChart(title: "Loss", series: [Series("train", y: losses)]).render()
///     show(chart)                                                            // "Line chart “Loss”. 1 series: …"
///     show(chart, description: "loss per epoch, falling from 2.3 to 0.1")   // the lesson's words instead
public func show(_ image: PNGImage, description: String? = nil) {
    let data = Data(image.data)
    let name = Checksum.sha256(data) + ".png"
    let url = CourseProgram.outputDirectory.appendingPathComponent(name)
    if !FileManager.default.fileExists(atPath: url.path) {
        try? FileManager.default.createDirectory(at: CourseProgram.outputDirectory, withIntermediateDirectories: true)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            print("show: could not write the picture to \(url.path): \(error.localizedDescription)")
            return
        }
    }
    RuntimeWire.emit(.image(ShownImage(file: name, width: image.width, height: image.height,
                                            description: description ?? image.summary)))
}

/// Shows a value under the cell, as `print` would (tensors print their shape and values).
///
///     show(weights)
///     show("loss", loss)
public func show(_ items: Any...) {
    print(items.map { "\($0)" }.joined(separator: " "))
}
