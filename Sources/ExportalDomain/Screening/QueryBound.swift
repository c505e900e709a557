/// How much of a query name is screened. Screening costs about 7.5 ms per query token against
/// the UN and SDN lists together, so a 1 MB name ran for many minutes; a name is cut instead.
///
/// The numbers are safe because no listed name comes near them: the longest name on the real
/// lists in ../shared/data (UN, OFAC SDN 2019 and 2025, CSL, DPL, aliases included) is a UN
/// alias of Hay'at Tahrir al-Sham that strings together nine of its names: 324 characters,
/// 52 tokens once normalised (`RealPartyListTests` checks both on every run). A query needs
/// no more tokens than the name it should find, so a query within the bounds, which is any
/// name as long as the longest listed one and nearly twice that, is screened exactly as before;
/// only a longer one is cut, with a warning.
///
///     QueryBound.screened(String(repeating: "A ", count: 501)).cut  // true: 1,002 characters
public enum QueryBound {
    /// Tokens of a query screened, after normalisation (`NameNormalizer`).
    public static let maximumTokens = 100
    /// Characters of a query read at all, before normalisation, so that normalising is bounded too.
    public static let maximumCharacters = 1_000

    /// The part of `name` that is normalised: its first `maximumCharacters` characters.
    public static func screened(_ name: String) -> (text: String, cut: Bool) {
        guard name.utf8.count > maximumCharacters, name.count > maximumCharacters else { return (name, false) }
        return (String(name.prefix(maximumCharacters)), true)
    }

    /// A query name and its other readings (`NameNormalizer.spellings(of:)`), cut to the bounds
    /// and prepared for scoring.
    static func readings(of name: String) -> [PreparedName] {
        NameNormalizer.spellings(of: screened(name).text).map { PreparedName(bounded(NameNormalizer.normalize($0))) }
    }

    /// `normalized` with at most `maximumTokens` tokens, legal forms included.
    static func bounded(_ normalized: NormalizedName) -> NormalizedName {
        guard normalized.tokens.count > maximumTokens else { return normalized }
        return NormalizedName(original: normalized.original, tokens: Array(normalized.tokens.prefix(maximumTokens)))
    }

    /// A warning's text when screening will not read all of `name`, else nil. Only a name that
    /// could reach a bound is normalised to count its tokens: an ASCII name has at most as many
    /// tokens as runs of letters and digits.
    public static func overlong(_ name: String) -> String? {
        let (text, cut) = screened(name)
        if cut { return "the name is longer than \(maximumCharacters) characters: only its first \(maximumCharacters) are screened" }
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var runs = 0, inRun = false
            for c in text.utf8 {
                let alphanumeric = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A)
                if alphanumeric && !inRun { runs += 1 }
                inRun = alphanumeric
            }
            if runs <= maximumTokens { return nil }
        }
        let tokens = NameNormalizer.normalize(text).tokens.count
        guard tokens > maximumTokens else { return nil }
        return "the name has \(tokens) words: only its first \(maximumTokens) are screened"
    }
}
