import GRDB

extension DatabaseError {
    /// A UNIQUE constraint failed: the caller maps it to its 409 code.
    var isUniqueViolation: Bool { extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY }
}
