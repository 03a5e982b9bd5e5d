/// Receives the leaves of one record as a reader walks it.
///
/// Readers (JSON, CSV, MLflow) call these methods in field order. Key bytes are the
/// flattened name (`train/loss` for `{"train": {"loss": 1}}`), valid only during the
/// call: a visitor that keeps a key must copy or intern it.
public protocol FieldVisitor {
    /// A numeric leaf, including `NaN` and `±Infinity`.
    ///
    /// - Parameter index: the position within an array of numbers (`gpu_util: [97, 95]`
    ///   gives indexes 0 and 1), or `nil` for a scalar.
    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double)

    /// A string leaf, unescaped, as UTF-8 bytes valid only during the call.
    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)

    /// A `true` or `false` leaf.
    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool)

    /// A `null` leaf, or an empty CSV cell.
    mutating func visitNull(key: UnsafeRawBufferPointer)
}
