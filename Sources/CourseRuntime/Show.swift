import Foundation
import Render
import Checksum

/// Shows a picture under the cell: writes the PNG to the output folder under its content hash and reports it.
///
///     let chart = lineChart(…)   // a Render.PNGImage
///     show(chart)
public func show(_ image: PNGImage) {
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
    RuntimeChannel.emit(.image(file: name, width: image.width, height: image.height))
}

/// Shows a value under the cell, as `print` would (tensors print their shape and values).
///
///     show(weights)
///     show("loss", loss)
public func show(_ items: Any...) {
    print(items.map { "\($0)" }.joined(separator: " "))
}
