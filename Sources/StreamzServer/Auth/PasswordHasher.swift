import HummingbirdBcrypt
import NIOPosix

/// bcrypt on NIO's blocking thread pool: a cost-12 hash takes a few hundred
/// milliseconds, which must not stall the cooperative executor.
struct PasswordHasher: Sendable {
    /// log2 rounds, 4 to 31 (checked by `ServerConfiguration.validate()`).
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
