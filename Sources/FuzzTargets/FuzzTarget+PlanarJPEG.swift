import CCodecSupport
import CPlanarJPEG
import MediaFormats

extension FuzzTarget {
    /// The YUV-domain JPEG thumbnailer (libjpeg-turbo's raw decode, our own DC-only entropy decoder at a shrink
    /// of 8, libswscale, the JPEG and WebP plane encoders) on arbitrary bytes, with a request from the input;
    /// an answer must be a file of the asked format.
    static let planarJPEG = FuzzTarget(name: "planar-jpeg", parameterBytes: 9) { bytes in
        var input = FuzzInput(bytes)
        var request = mp_planar_request()
        request.width = Int32(input.value(in: 1...200))
        request.height = Int32(input.value(in: 1...200))
        request.shrink = Int32(input.choice([1, 2, 4, 8]))
        request.output = input.byte() % 2 == 0 ? MP_PLANAR_JPEG : MP_PLANAR_WEBP
        request.quality = Int32(input.value(in: 1...100))
        request.progressive = Int32(input.byte() % 2)
        request.effort = Int32(input.value(in: 0...2))
        request.fail_on_truncated = Int32(input.byte() % 2)
        request.max_source_pixels = 4_000_000
        request.own_dc_decoder = input.byte() % 4 == 0 ? 0 : 1
        let source = input.rest
        var message = FuzzCodec.messageBuffer()
        var out: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard let base = source.baseAddress,
              mp_planar_jpeg_thumbnail(base, source.count, &request, &out, &length, &message) == 0 else { return false }
        let file = FuzzCodec.takeBuffer(out, length: length)
        let expected: ImageFormat = request.output == MP_PLANAR_JPEG ? .jpeg : .webp
        try require(ImageFormat.sniff(file) == expected, "planar thumbnail is not a \(expected) file")
        return true
    }
}
