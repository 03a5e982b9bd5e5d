extension FormatSniffer {
    private static let delimiters: [UInt8] = [
        UInt8(ascii: ","), UInt8(ascii: "\t"), UInt8(ascii: ";"),
    ]

    /// A header candidate: its delimiter, its field count, and where its record ends.
    private struct Header {
        var delimiter: UInt8
        var fields: Int
        var end: Int
    }

    /// The delimiter of a CSV head, or `nil` when the head is not CSV with a header row.
    ///
    /// Delimiters are tried in order of how many header fields they give; on a tie, comma
    /// before tab before semicolon. A first line `sep=;` (``CSVSeparatorHint``) names the
    /// delimiter, and the header is the next line.
    static func csvDelimiter(_ sample: HeadSample, fileName: String) -> UInt8? {
        guard let firstLine = sample.lines.first else {
            return nil
        }

        let nameHint = hasCSVExtension(fileName)
        let rest = UnsafeRawBufferPointer(rebasing: sample.text[firstLine.lowerBound...])
        if let hinted = CSVSeparatorHint.delimiter(in: rest) {
            return headed(sample, by: hinted, named: nameHint) ? hinted : nil
        }
        let headers = delimiters.compactMap { header(sample, at: firstLine.lowerBound, $0) }
        let ranked = headers.enumerated().sorted { lhs, rhs in
            (lhs.element.fields, rhs.offset) > (rhs.element.fields, lhs.offset)
        }
        for header in ranked.map(\.element)
        where rowsMatch(sample, header, named: nameHint) {
            return header.delimiter
        }
        return nil
    }

    /// What a head that is not CSV with a header looks like, when it is close to CSV: rows of
    /// values all as wide as the first (at most one in ten differing) and no header, or one
    /// header line and no row; `nil` otherwise. Of the delimiters, the one that splits the
    /// first line into the most fields is taken.
    public static func csvLookalike(_ head: UnsafeRawBufferPointer) -> CSVLookalike? {
        let sample = HeadSample(droppingByteOrderMark(head), isCut: head.count >= headLength)
        guard let firstLine = sample.lines.first else { return nil }
        var spans: [CSVSpan] = []
        var widest: Header?
        for delimiter in delimiters {
            spans.removeAll(keepingCapacity: true)
            guard let end = recordEnd(sample, from: firstLine.lowerBound, delimiter, &spans),
                spans.count >= 2, spans.count > widest?.fields ?? 0
            else { continue }
            widest = Header(delimiter: delimiter, fields: spans.count, end: end)
        }
        guard let widest else { return nil }

        let shapes = rowShapes(sample, widest)
        let rows = shapes.fitting + shapes.ended + shapes.other
        let line = CSVLookalike.quoted(sample.bytes(firstLine))
        let named = header(sample, at: firstLine.lowerBound, widest.delimiter) != nil
        if rows == 0, named, sample.lines.count == 1 {
            return .headerOnly(fields: widest.fields, header: line)
        }
        guard !named, shapes.fitting > 0, shapes.other * 10 <= rows else { return nil }
        return .headerless(fields: widest.fields, firstLine: line)
    }

    /// Whether the line after a `sep=` line is a header of fields split by `delimiter`, with
    /// rows to match.
    private static func headed(_ sample: HeadSample, by delimiter: UInt8, named: Bool) -> Bool {
        guard sample.lines.count > 1,
            let header = header(sample, at: sample.lines[1].lowerBound, delimiter)
        else { return false }
        return rowsMatch(sample, header, named: named)
    }

    /// The header record at `start` when it has two or more fields, most of them names.
    private static func header(_ sample: HeadSample, at start: Int, _ delimiter: UInt8)
        -> Header?
    {
        var spans: [CSVSpan] = []
        guard let end = recordEnd(sample, from: start, delimiter, &spans), spans.count >= 2
        else {
            return nil
        }

        let names = spans.filter { span in
            let field = CSVCell.trimmed(UnsafeRawBufferPointer(rebasing: sample.text[span.content]))
            return !field.isEmpty && CSVCell.number(field) == nil
        }
        guard names.count * 2 > spans.count else {
            return nil
        }
        return Header(delimiter: delimiter, fields: spans.count, end: end)
    }

    /// Whether the rows after the header have its field count: at least one row does, and
    /// at most one in ten differs (a broken row must not hide a CSV). A file named `.csv` or
    /// `.tsv` may have no rows, and needs only most of them to match: a short file with one
    /// ragged row is still CSV, whose ragged rows the reader counts as malformed. Rows that end
    /// with a delimiter past the header, their last cell empty, match too, as some writers end
    /// every row; but where rows of both shapes mix, as wrapped prose ends some lines with a
    /// comma, the fewer of them differ.
    private static func rowsMatch(_ sample: HeadSample, _ header: Header, named: Bool) -> Bool {
        let shapes = rowShapes(sample, header)
        let matching = max(shapes.fitting, shapes.ended)
        let differing = shapes.other + min(shapes.fitting, shapes.ended)

        let rows = matching + differing
        if named { return rows == 0 || matching > differing }
        return matching > 0 && differing * 10 <= rows
    }

    /// How many of the first rows after the header have its field count, how many end with a
    /// delimiter past it (``CSVFieldSplitter/endsWithEmptyCell(_:past:)``), and how many
    /// neither.
    private static func rowShapes(_ sample: HeadSample, _ header: Header)
        -> (fitting: Int, ended: Int, other: Int)
    {
        var spans: [CSVSpan] = []
        var shapes = (fitting: 0, ended: 0, other: 0)
        var start = header.end + 1
        while start < sample.text.count, shapes.fitting + shapes.ended + shapes.other < sampleLines
        {
            if HeadSample.isSpace(sample.text[start]) {
                start += 1
                continue
            }

            spans.removeAll(keepingCapacity: true)
            guard let end = recordEnd(sample, from: start, header.delimiter, &spans) else {
                break
            }

            if spans.count == header.fields {
                shapes.fitting += 1
            } else if CSVFieldSplitter.endsWithEmptyCell(spans, past: header.fields) {
                shapes.ended += 1
            } else {
                shapes.other += 1
            }
            start = end + 1
        }
        return shapes
    }

    /// Splits the record at `start`; `nil` when it is cut by the end of the head.
    private static func recordEnd(
        _ sample: HeadSample, from start: Int, _ delimiter: UInt8, _ spans: inout [CSVSpan]
    ) -> Int? {
        let end = CSVFieldSplitter.split(
            sample.text, from: start, delimiter: delimiter, into: &spans)
        guard let end, !(sample.isCut && end == sample.text.count) else {
            return nil
        }
        return end
    }

    private static func hasCSVExtension(_ fileName: String) -> Bool {
        let lower = fileName.lowercased()
        return lower.hasSuffix(".csv") || lower.hasSuffix(".tsv")
    }
}
