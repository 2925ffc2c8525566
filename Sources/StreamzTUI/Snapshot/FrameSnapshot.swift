import Foundation
import StreamzRTC

/// `p` in the monitor: a decoded frame saved as a PNG at its own resolution.
public enum FrameSnapshot {
    public enum SaveError: Error, CustomStringConvertible {
        case cannotWrite(path: String, reason: String)

        public var description: String {
            switch self {
            case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
            }
        }
    }

    /// `$XDG_PICTURES_DIR` when it names a directory (as `xdg-user-dirs`
    /// exports it; `$HOME` in it is expanded), else the current directory:
    /// the place a user looks first for a file they just asked for.
    public static func directory(environment: [String: String]) -> URL {
        if var pictures = environment["XDG_PICTURES_DIR"], !pictures.isEmpty {
            if let home = environment["HOME"] { pictures = pictures.replacingOccurrences(of: "$HOME", with: home) }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: pictures, isDirectory: &isDirectory), isDirectory.boolValue {
                return URL(fileURLWithPath: pictures, isDirectory: true)
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
    }

    /// "streamz-Kitchen-phone-20261118-110640.png": the device name reduced
    /// to letters, digits, '-' and '_' so it is a safe file name anywhere.
    public static func fileName(deviceName: String, at date: Date, timeZone: TimeZone) -> String {
        let safe = deviceName.unicodeScalars.map { scalar -> String in
            scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_" ? String(scalar) : "-"
        }.joined()
        let trimmed = safe.split(separator: "-", omittingEmptySubsequences: true).joined(separator: "-")
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = String(format: "%04d%02d%02d-%02d%02d%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0,
                           c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
        return "streamz-\(trimmed.isEmpty ? "device" : String(trimmed.prefix(64)))-\(stamp).png"
    }

    /// Writes the frame into `directory` under a new name (a "-2", "-3"…
    /// suffix when two are saved in the same second) and returns where.
    public static func save(_ frame: I420Frame, deviceName: String, at date: Date, timeZone: TimeZone,
                            in directory: URL) throws -> URL {
        let png = PNGEncoder.encode(frame.rgbImage())
        let base = fileName(deviceName: deviceName, at: date, timeZone: timeZone)
        var url = directory.appendingPathComponent(base)
        var attempt = 1
        while FileManager.default.fileExists(atPath: url.path) {
            attempt += 1
            url = directory.appendingPathComponent(String(base.dropLast(4)) + "-\(attempt).png")
        }
        do {
            // withoutOverwriting: a file appearing between the check and the write is kept.
            try Data(png).write(to: url, options: [.withoutOverwriting])
        } catch {
            throw SaveError.cannotWrite(path: url.path, reason: error.localizedDescription)
        }
        return url
    }
}

extension I420Frame {
    /// The frame in RGB at its own size (BT.601 limited range, each chroma
    /// sample shared by its 2x2 luma pixels).
    public func rgbImage() -> PixelImage {
        var image = PixelImage(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                let l = row * width + column, c = (row / 2) * chromaWidth + column / 2
                // The planes are public and mutable: a short one leaves black, never a trap.
                guard l < y.count, c < u.count, c < v.count else { continue }
                image[column, row] = BT601.rgb(y: Float(y[l]), cb: Float(u[c]), cr: Float(v[c]))
            }
        }
        return image
    }
}
