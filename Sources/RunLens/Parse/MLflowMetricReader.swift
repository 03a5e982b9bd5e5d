/// Reads one metric file of an MLflow file store (`mlruns/<exp>/<run>/metrics/<name>`).
///
/// Each line is `<timestamp-ms> <value> <step>`; the value may be `nan` or `inf`. MLflow
/// before 1.0 wrote `<timestamp-ms> <value>` without a step; such lines are read too. The
/// metric is named by the file's path under `metrics/`, where a `/` in a name became a
/// folder: `metrics/train/loss` holds `train/loss`.
public struct MLflowMetricReader {
    /// The metric's name, the key its values are given under.
    public let metricName: String
    private let metricKey: [UInt8]

    /// Creates a reader for the metric called `metricName`.
    public init(metricName: String) {
        self.metricName = metricName
        self.metricKey = Array(metricName.utf8)
    }

    /// Creates a reader for the metric file at `path`, or `nil` when the path holds no
    /// `metrics/` folder (see `metricName(forPath:)`).
    public init?(path: String) {
        guard let name = Self.metricName(forPath: path) else {
            return nil
        }
        self.init(metricName: name)
    }

    /// Reads one line, given without its `\n` (a trailing `\r` is allowed).
    ///
    /// The visitor gets `step` (when the line has one), `timestamp` (milliseconds) and the
    /// value under the metric's name, in that order.
    public func read<Visitor: FieldVisitor>(line: UnsafeRawBufferPointer, visitor: inout Visitor)
        -> MLflowLineResult
    {
        var fields = Fields()
        guard Self.split(line, into: &fields) else {
            return CSVCell.trimmed(line).isEmpty ? .empty : Self.wrongShape(fields.count)
        }

        let parsed = Self.parse(line, fields)
        switch parsed {
        case .success(let point):
            visit(point, visitor: &visitor)
            return .record
        case .failure(let reason):
            return .malformed(reason.description)
        }
    }

    private func visit<Visitor: FieldVisitor>(_ point: Point, visitor: inout Visitor) {
        if let step = point.step {
            Self.stepKey.withUnsafeBytes { key in
                visitor.visitNumber(key: key, index: nil, value: step)
            }
        }

        Self.timestampKey.withUnsafeBytes { key in
            visitor.visitNumber(key: key, index: nil, value: point.timestamp)
        }

        metricKey.withUnsafeBytes { key in
            visitor.visitNumber(key: key, index: nil, value: point.value)
        }
    }

    private static let stepKey = Array("step".utf8)
    private static let timestampKey = Array("timestamp".utf8)
}
