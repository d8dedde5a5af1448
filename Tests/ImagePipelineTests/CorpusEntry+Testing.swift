import Testing
import TestSupport

extension CorpusEntry: CustomTestStringConvertible {
    /// Parameterised tests name each corpus file by its path.
    public var testDescription: String { file }
}
