/// One value of one series, with where it sits in the run and where it came from.
public struct Point: Sendable, Equatable {
    /// The step, or `NaN` when the record had none.
    public var step: Double
    /// Epoch seconds (or seconds from the log's origin), or `NaN` when the record had none.
    public var time: Double
    /// The value as logged.
    public var value: Double
    /// The 1-based line of the record in its file.
    public var line: Int32
    /// The index of the file in the analysis's input list.
    public var file: Int32

    /// Creates a point.
    public init(step: Double, time: Double, value: Double, line: Int32, file: Int32) {
        self.step = step
        self.time = time
        self.value = value
        self.line = line
        self.file = file
    }
}

/// The axis a series is indexed by: training steps, or time for request logs.
public enum Axis: String, Sendable, Codable {
    case step
    case time

    /// The position of `point` on this axis.
    @inline(__always)
    public func position(of point: Point) -> Double {
        self == .step ? point.step : point.time
    }
}
