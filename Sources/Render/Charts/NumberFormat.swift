#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are written on ticks, bars and cells: fixed decimals chosen from the step, a true minus sign,
/// and powers of ten with superscripts. Written by hand so the output never depends on the locale.
enum NumberFormat {
    static let minus = "\u{2212}"

    /// A tick label: as many decimals as the step needs (0.25 → 2, 0.5 → 1, 10 → 0).
    static func tick(_ v: Double, step: Double) -> String {
        if step >= 1e7 || step < 1e-5 { return scientific(v) }
        var decimals = max(0, -Int(Foundationless.log10(step).rounded(.down)))
        // A step like 0.25 or 2.5 needs one more digit than its power of ten.
        let mantissa = step / Foundationless.pow10(Foundationless.log10(step).rounded(.down))
        if abs(mantissa - 2.5) < 1e-6, step < 10 { decimals += 1 }
        return fixed(v, decimals: decimals)
    }

    /// A number with `decimals` digits after the point.
    static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "∞" : "\(minus)∞") }
        let d = max(0, min(decimals, 12))
        let scale = Foundationless.pow10(Double(d))
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return scientific(v) }
        let n = Int64(scaled)
        let unit = Int64(scale)
        var s = grouped(n / unit)
        if d > 0 {
            let frac = String(n % unit)
            s += "." + String(repeating: "0", count: d - frac.count) + frac
        }
        return (v < 0 && n != 0 ? minus : "") + s
    }

    /// Digits in groups of three separated by a thin space from 10 000 up ("250 000"), as SI style advises.
    static func grouped(_ n: Int64) -> String {
        let digits = String(n)
        guard digits.count > 4 else { return digits }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += "\u{2009}" }
            out.append(ch)
        }
        return out
    }

    /// A short, readable number: integers as integers, others with up to `significant` significant digits.
    static func plain(_ v: Double, significant: Int = 3) -> String {
        guard v.isFinite else { return fixed(v, decimals: 0) }
        if v == v.rounded(), abs(v) < 1e9 { return fixed(v, decimals: 0) }
        let a = abs(v)
        if a >= 1e6 || a < 1e-4 { return scientific(v) }
        let digitsBeforePoint = Int(Foundationless.log10(a).rounded(.down)) + 1
        var s = fixed(v, decimals: max(0, significant - digitsBeforePoint))
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// "1.5×10⁻⁴" style.
    static func scientific(_ v: Double) -> String {
        guard v != 0 else { return "0" }
        let e = Int(Foundationless.log10(abs(v)).rounded(.down))
        let m = v / Foundationless.pow10(Double(e))
        var mantissa = fixed(m, decimals: 1)
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        return (mantissa == "1" ? "" : mantissa == "\(minus)1" ? minus : mantissa + "×") + power(e)
    }

    static func power(_ e: Int) -> String {
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let digits = String(abs(e)).map { superscripts[Int(String($0))!] }
        return "10" + (e < 0 ? "⁻" : "") + String(digits)
    }
}

/// log10 and 10^x from the C library (Render does not need Foundation).
enum Foundationless {
    static func log10(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log10(x)
        #else
        return Darwin.log10(x)
        #endif
    }
    static func pow10(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.pow(10, x)
        #else
        return Darwin.pow(10, x)
        #endif
    }
}
