/// What a piece of text means; Terminal/ maps each to colours and
/// attributes for the terminal at hand (down to none with NO_COLOR).
public enum TextStyle: Int, CaseIterable, Equatable, Hashable, Sendable {
    case normal
    case dim
    case bold
    case accent
    case online
    case offline
    case warning
    case error
    case selection
}
