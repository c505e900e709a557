/// Reasons for control a list entry may name.
public enum ReasonForControl: String, Sendable, CaseIterable, Comparable {
    case NS, MT, NP, CB, CW, AT, RS, CC, FC, EI, SL, UN, SI, SS

    public var title: String {
        switch self {
        case .NS: "National security"
        case .MT: "Missile technology"
        case .NP: "Nuclear non-proliferation"
        case .CB: "Chemical and biological weapons"
        case .CW: "Chemical Weapons Convention"
        case .AT: "Anti-terrorism"
        case .RS: "Regional stability"
        case .CC: "Crime control"
        case .FC: "Firearms Convention"
        case .EI: "Encryption items"
        case .SL: "Surreptitious listening"
        case .UN: "United Nations embargo"
        case .SI: "Significant items"
        case .SS: "Short supply"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// Multilateral export-control regimes.
public enum ControlRegime: String, Sendable, CaseIterable, Comparable {
    case wassenaar, mtcr, nsg, australiaGroup = "australia-group", cwc

    public var title: String {
        switch self {
        case .wassenaar: "Wassenaar Arrangement"
        case .mtcr: "Missile Technology Control Regime"
        case .nsg: "Nuclear Suppliers Group"
        case .australiaGroup: "Australia Group"
        case .cwc: "Chemical Weapons Convention"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}
