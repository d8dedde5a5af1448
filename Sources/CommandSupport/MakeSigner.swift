import ArgumentParser
import ImageOptions

/// Key/salt pairs from hex lists of equal length.
package func makeSigner(keys: [String], salts: [String], size: Int) throws -> URLSigner {
    guard keys.count == salts.count else { throw ValidationError("give one salt per key") }
    let pairs = try zip(keys, salts).map { key, salt in
        guard let pair = URLSigner.KeyPair(hexKey: key, hexSalt: salt) else {
            throw ValidationError("keys and salts must be hex")
        }
        return pair
    }
    return URLSigner(pairs: pairs, signatureSize: size)
}
