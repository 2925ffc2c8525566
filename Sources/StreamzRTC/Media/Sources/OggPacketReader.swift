/// Reassembles the packets of the first logical stream of an Ogg file from its
/// pages (RFC 3533 §5): a segment of 255 bytes continues the packet, a shorter
/// one ends it, and a packet may run on into the next page, which then sets
/// its "continued" flag. Pages of other streams are skipped; reading stops at
/// the stream's end-of-stream page.
enum OggPacketReader {
    static func packets(_ bytes: MediaBytes) throws(MediaSourceError) -> [[UInt8]] {
        var packets: [[UInt8]] = []
        var pending: [UInt8]?
        var stream: (serial: UInt32, nextSequence: UInt32)?
        var offset = 0
        while offset < bytes.count {
            let page = try OggPage(bytes, at: offset)
            offset += page.length
            if stream == nil {
                guard page.isBeginningOfStream else { throw .invalidField("Ogg file does not begin with a beginning-of-stream page") }
                stream = (page.serial, page.sequence)
            }
            guard let current = stream, page.serial == current.serial else { continue }
            // A gap in sequence numbers means pages were lost: packets would silently merge or vanish.
            guard page.sequence == current.nextSequence else {
                throw .invalidField("Ogg page sequence \(page.sequence) at byte \(page.offset), expected \(current.nextSequence)")
            }
            stream = (current.serial, current.nextSequence &+ 1)
            if page.isContinued != (pending != nil) {
                throw .invalidField(page.isContinued
                    ? "Ogg page at byte \(page.offset) continues a packet that never started"
                    : "Ogg packet cut short by the page at byte \(page.offset)")
            }
            var start = 0
            for segment in page.lacing {
                if pending == nil { pending = [] }
                pending?.append(contentsOf: page.body[start..<(start + Int(segment))])
                start += Int(segment)
                if segment < 255, let packet = pending {
                    packets.append(packet)
                    pending = nil
                }
            }
            if page.isEndOfStream { break }
        }
        guard pending == nil else { throw .truncated(what: "Ogg packet (the file ends inside it)", offset: offset) }
        return packets
    }
}
