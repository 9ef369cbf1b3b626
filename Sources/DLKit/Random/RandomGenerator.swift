import Foundation

/// A seeded, deterministic random number generator (xoshiro256**), passed explicitly to everything
/// random in DLKit so that the same seed always gives the same numbers.
///
/// ```swift
/// var rng = RandomGenerator(seed: 42)
/// let w = Tensor.randn([3, 3], using: &rng)
/// ```
public struct RandomGenerator: RandomNumberGenerator {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64
    /// A second normal deviate from the Box–Muller pair, saved for the next call.
    private var spareNormal: Float?

    /// Creates a generator whose whole sequence is fixed by `seed` (expanded with SplitMix64).
    ///
    /// ```swift
    /// var a = RandomGenerator(seed: 1), b = RandomGenerator(seed: 1)
    /// assert(a.next() == b.next())
    /// ```
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
        spareNormal = nil
    }

    /// The next 64 random bits.
    ///
    /// ```swift
    /// let bits = rng.next()
    /// ```
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = (s3 << 45) | (s3 >> 19)
        return result
    }

    /// A uniform `Float` in `[0, 1)` (24 random bits).
    ///
    /// ```swift
    /// let u = rng.nextFloat()      // 0 ≤ u < 1
    /// ```
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// A uniform `Float` in `[low, high)`.
    ///
    /// ```swift
    /// let u = rng.nextFloat(in: -1, 1)
    /// ```
    public mutating func nextFloat(in low: Float, _ high: Float) -> Float {
        low + (high - low) * nextFloat()
    }

    /// A uniform integer in `0..<upperBound` (unbiased).
    ///
    /// ```swift
    /// let die = rng.nextInt(6) + 1
    /// ```
    public mutating func nextInt(_ upperBound: Int) -> Int {
        guard upperBound > 0 else { fatalError("nextInt: upper bound must be positive, got \(upperBound)") }
        return Int(next(upperBound: UInt64(upperBound)))
    }

    /// A standard normal deviate (mean 0, standard deviation 1), by the Box–Muller transform.
    ///
    /// ```swift
    /// let z = rng.normal()
    /// ```
    public mutating func normal() -> Float {
        if let z = spareNormal { spareNormal = nil; return z }
        // u1 in (0, 1] so that log(u1) is finite.
        let u1 = Double((next() >> 11) + 1) * (1.0 / 9_007_199_254_740_992.0)
        let u2 = Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
        let r = (-2 * log(u1)).squareRoot()
        let theta = 2 * Double.pi * u2
        spareNormal = Float(r * sin(theta))
        return Float(r * cos(theta))
    }

    /// A normal deviate with the given mean and standard deviation.
    ///
    /// ```swift
    /// let h = rng.normal(mean: 170, std: 10)
    /// ```
    public mutating func normal(mean: Float, std: Float) -> Float {
        mean + std * normal()
    }

    /// Shuffles `array` in place (Fisher–Yates), deterministically for a given generator state.
    ///
    /// ```swift
    /// var order = Array(0..<10); rng.shuffle(&order)
    /// ```
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            let j = nextInt(i + 1)
            if i != j { array.swapAt(i, j) }
        }
    }

    /// A random permutation of `0..<n`.
    ///
    /// ```swift
    /// let order = rng.permutation(5)   // e.g. [3, 0, 4, 1, 2]
    /// ```
    public mutating func permutation(_ n: Int) -> [Int] {
        var order = Array(0..<n)
        shuffle(&order)
        return order
    }
}
