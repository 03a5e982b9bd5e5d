extension FormatSniffer {
    /// The first lines of a head, without blank lines, trailing `\r` or a cut last line.
    struct HeadSample {
        /// The head, byte order mark removed.
        let text: UnsafeRawBufferPointer
        /// Whether the head stops before the end of the input.
        let isCut: Bool
        /// Up to `sampleLines` complete, non-blank lines.
        private(set) var lines: [Range<Int>] = []
        /// The index of the first byte that is not a space or line end, if any.
        let firstSolid: Int?

        init(_ text: UnsafeRawBufferPointer, isCut: Bool) {
            self.text = text
            self.isCut = isCut
            self.firstSolid = text.firstIndex { !Self.isSpace($0) }

            var start = 0
            while start < text.count, lines.count < sampleLines {
                let end = text[start...].firstIndex(of: CSVFieldSplitter.newline)
                if end == nil && isCut {
                    break
                }

                let stop = end ?? text.count
                let line = Self.trimmed(start..<stop, in: text)
                if !line.isEmpty {
                    lines.append(line)
                }
                start = stop + 1
            }
        }

        /// The bytes of a line.
        func bytes(_ line: Range<Int>) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: text[line])
        }

        func isMLflowPoint(_ line: Range<Int>) -> Bool {
            MLflowMetricReader.isPointLine(bytes(line))
        }

        static func isSpace(_ byte: UInt8) -> Bool {
            CSVCell.isBlank(byte) || byte == CSVFieldSplitter.newline
        }

        private static func trimmed(_ range: Range<Int>, in text: UnsafeRawBufferPointer)
            -> Range<Int>
        {
            var start = range.lowerBound
            var end = range.upperBound
            while start < end, isSpace(text[start]) {
                start += 1
            }

            while end > start, isSpace(text[end - 1]) {
                end -= 1
            }
            return start..<end
        }
    }
}
