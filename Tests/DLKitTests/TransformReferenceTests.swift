import DLKit
import Foundation
import XCTest

/// The warp used by every geometric transform, held equal to a plain textbook bilinear resampler written here.
final class TransformReferenceTests: XCTestCase {
    /// out(x, y) = Σ over the 4 neighbours of the source point of weight × pixel (or fill outside the image),
    /// source point = M⁻¹ applied to (x, y) about the centre ((W−1)/2, (H−1)/2).
    func referenceWarp(_ img: PixelImage, _ m: AffineMatrix, fill: Float) -> [Float] {
        let cx = Double(img.width - 1) / 2, cy = Double(img.height - 1) / 2
        let det = m.a * m.d - m.b * m.c
        var out: [Float] = []
        for c in 0..<img.channels {
            for y in 0..<img.height {
                for x in 0..<img.width {
                    let u = Double(x) - cx - m.tx, v = Double(y) - cy - m.ty
                    let sx = (m.d * u - m.b * v) / det + cx, sy = (-m.c * u + m.a * v) / det + cy
                    let x0 = Int(floor(sx)), y0 = Int(floor(sy))
                    let fx = sx - floor(sx), fy = sy - floor(sy)
                    func px(_ xx: Int, _ yy: Int) -> Double {
                        xx >= 0 && yy >= 0 && xx < img.width && yy < img.height ? Double(img[c, yy, xx]) : Double(fill)
                    }
                    let value = px(x0, y0) * (1 - fx) * (1 - fy) + px(x0 + 1, y0) * fx * (1 - fy)
                        + px(x0, y0 + 1) * (1 - fx) * fy + px(x0 + 1, y0 + 1) * fx * fy
                    out.append(Float(value))
                }
            }
        }
        return out
    }

    func testWarpEqualsReferenceForRandomMaps() throws {
        var rng = RandomGenerator(seed: 2024)
        let digit = try DataFixtures.trainSet().image(at: 7)
        let colour = PixelImage(channels: 3, height: 9, width: 13, pixels: (0..<351).map { _ in rng.nextFloat() })
        for image in [digit, colour] {
            for trial in 0..<25 {
                let m = AffineMatrix.shear(xDegrees: Double(rng.nextFloat(in: -20, 20)))
                    .then(.scale(x: Double(rng.nextFloat(in: 0.7, 1.4)), y: Double(rng.nextFloat(in: 0.7, 1.4))))
                    .then(.rotation(degrees: Double(rng.nextFloat(in: -180, 180))))
                    .then(.translation(dx: Double(rng.nextFloat(in: -4, 4)), dy: Double(rng.nextFloat(in: -4, 4))))
                let fill: Float = trial % 2 == 0 ? 0 : -0.5
                let got = image.transformed(by: m, fill: fill).pixels
                let expected = referenceWarp(image, m, fill: fill)
                let worst = zip(got, expected).map { abs($0 - $1) }.max()!
                XCTAssertLessThan(worst, 1e-4, "trial \(trial): largest difference \(worst)")
            }
        }
    }
}
