import ExportalDomain

extension YAMLValue {
    /// Text a page will link to: an http(s) URL, or a path relative to the page too when
    /// `relative`. Anything else (`javascript:` in any spelling, `//host`) is an error at the value.
    ///
    ///     source: https://www.bafa.de/   → "https://www.bafa.de/"
    ///     source: javascript:alert(1)    → nil, "'source' must be an http(s) URL, found 'javascript:alert(1)'"
    func url(_ what: String, relative: Bool = false) -> String? {
        guard let text = string(what) else { return nil }
        guard let refusal = URLPolicy.refusal(of: text, relative: relative) else { return text }
        report.error(location, URLPolicy.message(what, found: text, relative: relative), hint: refusal.description)
        return nil
    }
}
