import Foundation

/// A portal rendered in memory by `BuildPipeline.render()`: what `exportal serve` serves. Nothing
/// of it is on disk, so no request can reach a file the build did not make.
public struct RenderedPortal: Sendable {
    public let result: BuildResult
    /// The portal's files by path relative to its root, e.g. `guidance/index.html`. Empty when
    /// the build had an error.
    public let files: [String: Data]
    /// The private checklists, only when asked for; never served.
    public let checklists: [String: Data]
    /// Every party list file the load read, official files named outside the content folder among
    /// them, so `serve` can watch those too.
    public let listFiles: [URL]
    /// What the next render may reuse of this one; nil when the build had an error.
    package let memo: RenderMemo?
    /// The articles this render parsed and the search blocks it tokenised, for the next render.
    package let memos: BuildMemos?
    /// How many pages this render made anew and how many it took from the earlier one.
    public let counts: RenderCounts
    /// What the next render may splice an article edit into (`ProseSplice`); nil when the build
    /// had an error or rendered the checklists.
    package var basis: SpliceBasis? = nil
    /// Whether this render spliced an edit into the last one rather than building.
    public var spliced = false
}
