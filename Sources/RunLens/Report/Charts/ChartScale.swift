import Foundation

/// Maps values of one axis to pixels, linearly or on a log scale.
struct ChartScale {
    /// The lowest and highest value shown.
    let lower: Double
    let upper: Double
    /// True for a base-10 logarithmic axis (values must be positive).
    let logarithmic: Bool
    /// The pixel of `lower` and of `upper` (for a y axis, the bottom and the top).
    let pixelLower: Double
    let pixelUpper: Double

    /// The pixel of `value`, or `nil` when it cannot be drawn (not finite, or not positive
    /// on a log axis). Values outside the domain map outside the pixel range.
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        if logarithmic {
            guard value > 0, lower > 0, upper > lower else { return nil }
            let share = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
            return pixelLower + share * (pixelUpper - pixelLower)
        }
        guard upper > lower else { return (pixelLower + pixelUpper) / 2 }
        let share = (value - lower) / (upper - lower)
        return pixelLower + share * (pixelUpper - pixelLower)
    }

    /// `pixel(value)` held to the drawn range, for markers that reach past it.
    func clampedPixel(_ value: Double) -> Double? {
        guard let pixel = pixel(value) else { return nil }
        let low = min(pixelLower, pixelUpper)
        let high = max(pixelLower, pixelUpper)
        return min(max(pixel, low), high)
    }

    /// True when `value` lies inside the domain.
    func contains(_ value: Double) -> Bool {
        value >= lower && value <= upper
    }
}
