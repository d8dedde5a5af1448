extension StringProtocol {
    /// The pieces between each `separator` scalar. Unlike splitting on a `Character`, a separator followed by a
    /// combining mark (one grapheme, `/\u{34C}`) still separates: the URL grammar is ASCII punctuation, and the
    /// parser must agree with the bytes the generator writes.
    func split(scalar separator: Unicode.Scalar, omittingEmpty: Bool) -> [Substring] {
        let text = Substring(self)
        var pieces: [Substring] = []
        var start = text.unicodeScalars.startIndex
        for index in text.unicodeScalars.indices where text.unicodeScalars[index] == separator {
            pieces.append(Substring(text.unicodeScalars[start..<index]))
            start = text.unicodeScalars.index(after: index)
        }
        pieces.append(Substring(text.unicodeScalars[start...]))
        return omittingEmpty ? pieces.filter { !$0.isEmpty } : pieces
    }

    /// Whether the text holds the scalar `scalar` (a `:` followed by a combining mark counts).
    func contains(scalar: Unicode.Scalar) -> Bool {
        unicodeScalars.contains(scalar)
    }

    /// The position of the last `scalar`, as a scalar boundary.
    func lastIndex(ofScalar scalar: Unicode.Scalar) -> String.Index? {
        unicodeScalars.lastIndex(of: scalar)
    }
}
