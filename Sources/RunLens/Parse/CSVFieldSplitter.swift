/// Where one field of a CSV record lies in the record's bytes.
struct CSVSpan: Equatable {
    /// The field as written, surrounding spaces trimmed (quotes included).
    var raw: Range<Int>
    /// The value: `raw` without quotes, or all of `raw` when `needsDecoding` is set.
    var content: Range<Int>
    /// Set for quoted fields holding `""` escapes or text after the closing quote; the value
    /// must then be rebuilt with `CSVFieldSplitter.decode`.
    var needsDecoding: Bool
}

/// Splits CSV records into fields following RFC 4180, leniently.
///
/// A quote opens a quoted field only as the first non-space byte of a field; elsewhere it
/// is an ordinary byte. Inside quotes `""` stands for one quote, and delimiters and
/// newlines are ordinary bytes. Text after a closing quote is kept, as Python's reader does.
enum CSVFieldSplitter {
    /// Splits the record that starts at `start`, appending its fields to `spans`.
    ///
    /// The record ends at the first newline outside quotes or at the end of `bytes`.
    ///
    /// - Returns: the index of the newline that ends the record (or `bytes.count`), or
    ///   `nil` when `bytes` ends inside a quoted field and the record needs more lines.
    static func split(
        _ bytes: UnsafeRawBufferPointer, from start: Int, delimiter: UInt8,
        into spans: inout [CSVSpan]
    ) -> Int? {
        var field = FieldScan(start: start)
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if field.inQuotes {
                index += field.quotedByte(byte, at: index, in: bytes)
                continue
            }

            if byte == delimiter || byte == newline {
                spans.append(field.span)
                if byte == newline {
                    return index
                }
                field = FieldScan(start: index + 1)
            } else {
                field.plainByte(byte, at: index, delimiter: delimiter)
            }
            index += 1
        }

        guard !field.inQuotes else {
            return nil
        }
        spans.append(field.span)
        return bytes.count
    }

    /// Whether `spans` are `columns` fields and one more with nothing written in it: a record
    /// ended by a delimiter, as some writers end every row while their header does not.
    static func endsWithEmptyCell(_ spans: [CSVSpan], past columns: Int) -> Bool {
        spans.count == columns + 1 && spans.last?.raw.isEmpty == true
    }

    /// Appends the value of a quoted field that needs decoding to `output`.
    static func decode(_ raw: UnsafeRawBufferPointer, into output: inout [UInt8]) {
        var index = 1
        while index < raw.count {
            let byte = raw[index]
            index += 1
            guard byte == quote else {
                output.append(byte)
                continue
            }

            guard index < raw.count, raw[index] == quote else {
                break
            }
            output.append(quote)
            index += 1
        }

        let tail = CSVCell.trimmed(UnsafeRawBufferPointer(rebasing: raw[index...]))
        output.append(contentsOf: tail)
    }

    static let quote = UInt8(ascii: "\"")
    static let newline = UInt8(ascii: "\n")

    static func isSpace(_ byte: UInt8, delimiter: UInt8) -> Bool {
        byte != delimiter && CSVCell.isBlank(byte)
    }
}

/// The state of the field being scanned.
private struct FieldScan {
    let start: Int
    var firstSolid: Int?
    var lastSolid = -1
    var inQuotes = false
    var quoted = false
    var closingQuote: Int?
    var escaped = false
    var textAfterQuote = false

    init(start: Int) {
        self.start = start
    }

    mutating func plainByte(_ byte: UInt8, at index: Int, delimiter: UInt8) {
        guard !CSVFieldSplitter.isSpace(byte, delimiter: delimiter) else {
            return
        }

        if firstSolid == nil {
            firstSolid = index
            inQuotes = byte == CSVFieldSplitter.quote
            quoted = inQuotes
        } else if quoted {
            textAfterQuote = true
        }
        lastSolid = index
    }

    /// Consumes a byte inside quotes; returns how many bytes were used (2 for `""`).
    mutating func quotedByte(_ byte: UInt8, at index: Int, in bytes: UnsafeRawBufferPointer)
        -> Int
    {
        guard byte == CSVFieldSplitter.quote else {
            return 1
        }

        if index + 1 < bytes.count, bytes[index + 1] == CSVFieldSplitter.quote {
            escaped = true
            return 2
        }
        inQuotes = false
        closingQuote = index
        lastSolid = index
        return 1
    }

    var span: CSVSpan {
        guard let first = firstSolid else {
            return CSVSpan(raw: start..<start, content: start..<start, needsDecoding: false)
        }

        let raw = first..<(lastSolid + 1)
        guard quoted, let closing = closingQuote else {
            return CSVSpan(raw: raw, content: raw, needsDecoding: false)
        }

        if escaped || textAfterQuote {
            return CSVSpan(raw: raw, content: raw, needsDecoding: true)
        }
        return CSVSpan(raw: raw, content: (first + 1)..<closing, needsDecoding: false)
    }
}
