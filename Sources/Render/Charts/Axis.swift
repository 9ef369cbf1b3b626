/// One axis of a chart: its visible range, linear or logarithmic, and where its ticks go.
///
/// Ticks are "nice" numbers (1, 2, 2.5 or 5 times a power of ten), as matplotlib chooses them.
struct Axis {
    var lo: Double
    var hi: Double
    var log: Bool
    var ticks: [Double] = []
    var labels: [String] = []
    var minorTicks: [Double] = []
    /// Ticks only at whole numbers (epochs, steps, class indices).
    var integerTicks = false

    /// The fraction 0…1 of the way from `lo` to `hi` (on a log axis, of the way in decades).
    func fraction(_ v: Double) -> Double {
        if log {
            guard v > 0 else { return -.infinity }
            return (Foundationless.log10(v) - Foundationless.log10(lo)) / (Foundationless.log10(hi) - Foundationless.log10(lo))
        }
        return (v - lo) / (hi - lo)
    }

    /// An axis that shows `values` with a 5 % margin on both sides (like matplotlib), ticks at most `maxTicks`.
    static func fitting(_ values: [Double], log: Bool, maxTicks: Int, margin: Double = 0.05,
                        include: [Double] = [], integerTicks: Bool = false) -> Axis {
        let finite = (values + include).filter { $0.isFinite && (!log || $0 > 0) }
        var lo = finite.min() ?? (log ? 1 : 0)
        var hi = finite.max() ?? (log ? 10 : 1)
        if log {
            var a = Foundationless.log10(lo), b = Foundationless.log10(hi)
            if a == b { a -= 0.5; b += 0.5 }
            let pad = (b - a) * margin
            lo = Foundationless.pow10(max(a - pad, -300)); hi = Foundationless.pow10(min(b + pad, 300))
            var axis = Axis(lo: lo, hi: hi, log: true)
            axis.placeLogTicks(maxTicks: maxTicks)
            return axis
        }
        if lo == hi {
            let d = lo == 0 ? 1 : abs(lo) * 0.1
            lo -= d; hi += d
        }
        let pad = (hi - lo) * margin
        var axis = Axis(lo: lo - pad, hi: hi + pad, log: false, integerTicks: integerTicks)
        axis.placeLinearTicks(maxTicks: maxTicks)
        return axis
    }

    /// An axis with a fixed range (no margin).
    static func fixed(_ lo: Double, _ hi: Double, log: Bool, maxTicks: Int) -> Axis {
        var axis = Axis(lo: lo, hi: hi, log: log)
        if log { axis.placeLogTicks(maxTicks: maxTicks) } else { axis.placeLinearTicks(maxTicks: maxTicks) }
        return axis
    }

    mutating func placeLinearTicks(maxTicks: Int) {
        var step = Axis.niceStep(span: hi - lo, maxTicks: max(2, maxTicks))
        if integerTicks, step < 1 { step = 1 }
        ticks = []
        guard step.isFinite, step > 0, lo.isFinite, hi.isFinite else { labels = []; minorTicks = []; return }
        let first = (lo / step).rounded(.up), last = (hi / step).rounded(.down)
        var k = first
        while k <= last, ticks.count < 100 {
            let v = k * step
            ticks.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        labels = ticks.map { NumberFormat.tick($0, step: step) }
        minorTicks = []
    }

    mutating func placeLogTicks(maxTicks: Int) {
        guard lo > 0, hi.isFinite, lo < hi else { ticks = []; labels = []; minorTicks = []; return }
        let a = Foundationless.log10(lo), b = Foundationless.log10(hi)
        let firstDecade = Int(a.rounded(.up)), lastDecade = Int(b.rounded(.down))
        if lastDecade - firstDecade + 1 >= 2 {
            // Decades; skip every other one when there are too many to label.
            let count = lastDecade - firstDecade + 1
            let every = max(1, (count + maxTicks - 1) / max(1, maxTicks))
            ticks = stride(from: firstDecade, through: lastDecade, by: 1)
                .filter { ($0 - firstDecade) % every == 0 }
                .map { Foundationless.pow10(Double($0)) }
            // Written out (0.01 … 1000) when every label is short, else all as powers of ten.
            let exponents = ticks.map { Int(Foundationless.log10($0).rounded()) }
            let writeOut = exponents.allSatisfy { (-2)...3 ~= $0 }
            labels = exponents.map { writeOut ? NumberFormat.plain(Foundationless.pow10(Double($0))) : NumberFormat.power($0) }
        } else {
            // Less than two decades visible: label 1, 2 and 5 times powers of ten.
            var t: [Double] = []
            for d in (firstDecade - 1)...(lastDecade + 1) {
                for m in [1.0, 2.0, 5.0] {
                    let v = m * Foundationless.pow10(Double(d))
                    if v >= lo * (1 - 1e-12), v <= hi * (1 + 1e-12) { t.append(v) }
                }
            }
            if t.count >= 2 {
                ticks = t
                labels = t.map { NumberFormat.plain($0) }
            } else {
                // A narrow range (say 0.91…0.98): evenly spaced values, still placed logarithmically.
                placeLinearTicks(maxTicks: maxTicks)
            }
        }
        var minor: [Double] = []
        let skipped = ticks.count >= 2 && ticks[1] / ticks[0] > 10.5
        if skipped {
            // Labels every few decades: mark the other decades only (2…9 × 10ᵏ would be a solid comb).
            for d in Int(a.rounded(.up))...max(Int(a.rounded(.up)), Int(b.rounded(.down))) {
                let v = Foundationless.pow10(Double(d))
                if v > lo, v < hi, !ticks.contains(where: { abs($0 - v) <= v * 1e-9 }) { minor.append(v) }
            }
            minorTicks = minor
            return
        }
        for d in (Int(a.rounded(.down)))...(Int(b.rounded(.up))) {
            for m in 2...9 {
                let v = Double(m) * Foundationless.pow10(Double(d))
                if v > lo, v < hi, !ticks.contains(where: { abs($0 - v) <= v * 1e-9 }) { minor.append(v) }
            }
        }
        minorTicks = minor
    }

    /// The smallest step of the form {1, 2, 2.5, 5} × 10^k that splits `span` into at most `maxTicks` parts.
    static func niceStep(span: Double, maxTicks: Int) -> Double {
        let rough = span / Double(maxTicks)
        let magnitude = Foundationless.pow10(Foundationless.log10(rough).rounded(.down))
        for m in [1.0, 2.0, 2.5, 5.0, 10.0] where m * magnitude >= rough * (1 - 1e-9) {
            return m * magnitude
        }
        return 10 * magnitude
    }
}
