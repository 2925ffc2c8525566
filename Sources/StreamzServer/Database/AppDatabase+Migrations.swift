import GRDB

// Migrations never change once shipped: a new schema change is a new
// registered migration, so every existing database file upgrades in order.

extension AppDatabase {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1 accounts, devices, sessions") { db in
            try db.create(table: "user") { t in
                t.primaryKey("id", .blob)
                t.column("email", .text).notNull().unique()
                t.column("passwordHash", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }

            // One row per refresh token ever issued, kept after rotation so a
            // replayed (already rotated) token is recognised and its whole
            // family revoked (reuse detection).
            try db.create(table: "refreshToken") { t in
                t.primaryKey("tokenHash", .blob).check { length($0) == 32 }
                t.column("userId", .blob).notNull().indexed()
                    .references("user", onDelete: .cascade)
                t.column("familyId", .blob).notNull().indexed()
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("rotatedAt", .datetime)
                t.column("revokedAt", .datetime)
            }

            try db.create(table: "passwordReset") { t in
                t.primaryKey("tokenHash", .blob).check { length($0) == 32 }
                t.column("userId", .blob).notNull().indexed()
                    .references("user", onDelete: .cascade)
                t.column("createdAt", .datetime).notNull()
                t.column("expiresAt", .datetime).notNull()
                t.column("usedAt", .datetime)
            }

            try db.create(table: "device") { t in
                t.primaryKey("id", .blob)
                t.column("userId", .blob).notNull().indexed()
                    .references("user", onDelete: .cascade)
                t.column("name", .text).notNull().check { length($0) >= 1 && length($0) <= 64 }
                t.column("kind", .text).notNull().check { ["browser", "agent"].contains($0) }
                t.column("platform", .text)
                t.column("camera", .boolean).notNull()
                t.column("microphone", .boolean).notNull()
                t.column("online", .boolean).notNull().defaults(to: false)
                t.column("lastSeenAt", .datetime)
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["userId", "name"])
            }

            try db.create(table: "session") { t in
                t.primaryKey("id", .blob)
                t.column("userId", .blob).notNull()
                    .references("user", onDelete: .cascade)
                t.column("deviceId", .blob).notNull().indexed()
                    .references("device", onDelete: .cascade)
                t.column("type", .text).notNull().check { ["video", "audio", "both"].contains($0) }
                t.column("quality", .text).notNull().check { ["low", "medium", "high", "auto"].contains($0) }
                t.column("state", .text).notNull()
                    .check { ["requested", "connecting", "connected", "ended", "failed"].contains($0) }
                t.column("createdAt", .datetime).notNull()
                t.column("connectedAt", .datetime)
                t.column("endedAt", .datetime)
                t.column("endReason", .text)
                // The parties' latest reports as wire JSON (PROTOCOL.md §2 stats shape).
                t.column("stats", .text)
                t.column("senderStats", .text)
            }
            try db.create(index: "session_on_userId_createdAt", on: "session", columns: ["userId", "createdAt"])

            // The JWT signing key, generated once so a restart keeps every
            // issued access token valid. A single row (id = 1).
            try db.create(table: "signingKey") { t in
                t.primaryKey("id", .integer).check { $0 == 1 }
                t.column("secret", .blob).notNull().check { length($0) == 32 }
                t.column("createdAt", .datetime).notNull()
            }
        }
        return migrator
    }
}
