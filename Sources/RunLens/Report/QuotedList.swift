extension Array where Element == String {
    /// The first three names between `quote` marks, joined by commas, then how many more
    /// there are: `'a', 'b', 'c' and 2 more`.
    public func quotedList(quote: String = "'") -> String {
        let shown = prefix(3).map { quote + $0 + quote }.joined(separator: ", ")
        return count > 3 ? "\(shown) and \(count - 3) more" : shown
    }
}
