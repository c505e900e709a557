import Foundation

/// How common each word is on the lists being screened, so that a word many listed parties share
/// (MUHAMMAD, ALI, HASSAN, TRADING, SHIPPING) counts less than a rare one, and a name that shares
/// only its common words with a listed one is not taken for it. Words are counted by phonetic key
/// (MOHAMMED, MUHAMMAD and MOHAMED are one word), once per party however many of its names have
/// them. The counts come from the lists when the index is built: the same lists always give the
/// same weights.
///
/// A word on at most `commonShare` of the parties, or on fewer than `minimumParties`, counts in
/// full; above, its weight falls by `slope` per factor of e in its share, to no less than
/// `minimumFactor`. On the 2019 SDN list MUHAMMAD and its spellings (over 5 % of the parties) count
/// 0.35, TRADING 0.56, and a name on one party in a thousand 1.
///
///     let frequencies = TokenFrequencies(parties: [[PreparedName("Muhammad Ali")], [PreparedName("Mohammed Hassan")]])
///     frequencies.factor(PreparedToken("MUHAMMAD", kind: .name, fromAbjad: false))  // 1: only two parties
public struct TokenFrequencies: Sendable {
    public static let commonShare = 0.002
    public static let minimumParties = 5
    public static let slope = 0.2
    public static let minimumFactor = 0.35

    /// No word counts less: for names compared outside an index.
    public static let none = TokenFrequencies(parties: [])

    /// Parties counted.
    public let partyCount: Int
    private let counts: [[UInt8]: Int]

    /// `parties`: each party's names (and their other readings).
    public init(parties: [[PreparedName]]) {
        var counts: [[UInt8]: Int] = [:]
        for names in parties {
            var keys = Set<[UInt8]>()
            for name in names {
                for token in name.tokens where Self.isCounted(token) { keys.insert(token.phonetic) }
            }
            for key in keys { counts[key, default: 0] += 1 }
        }
        partyCount = parties.count
        self.counts = counts
    }

    /// What the token's weight is multiplied by: 1 for a rare word, down to `minimumFactor`.
    public func factor(_ token: PreparedToken) -> Double {
        guard Self.isCounted(token), let count = counts[token.phonetic], count >= Self.minimumParties else { return 1 }
        let share = Double(count) / Double(partyCount)
        guard share > Self.commonShare else { return 1 }
        return max(Self.minimumFactor, 1 - Self.slope * log(share / Self.commonShare))
    }

    /// Words of the name proper: particles and initials already count little, articles nothing,
    /// and a number says what it says however often.
    private static func isCounted(_ token: PreparedToken) -> Bool {
        token.kind == .name && !token.isInitial && !token.isNumber
    }
}
