import CFuzzDriver
import Foundation
import FuzzTargets

// media-proxy-fuzz --list                         the targets, one a line
// media-proxy-fuzz --seed TARGET FOLDER MAX_LEN FILE...  writes TARGET's seeds made from the files into FOLDER
// media-proxy-fuzz TARGET [libFuzzer arguments]   built with -sanitize=fuzzer: fuzzes TARGET (scripts/fuzz)
// media-proxy-fuzz TARGET FILE-OR-FOLDER...       built without libFuzzer: replays the inputs through TARGET

let arguments = CommandLine.arguments
if arguments.count < 2 || arguments[1] == "--list" {
    FuzzTarget.all.forEach { print($0.name) }
    exit(arguments.count < 2 ? 2 : 0)
}
let seeding = arguments[1] == "--seed"
let name = arguments.dropFirst(seeding ? 2 : 1).first ?? ""
guard let target = FuzzTarget.named(name) else {
    FileHandle.standardError.write(Data("media-proxy-fuzz: no target \(name) (--list names them)\n".utf8))
    exit(2)
}
if seeding {
    guard arguments.count >= 5, let maxLength = Int(arguments[4]) else {
        FileHandle.standardError.write(Data("media-proxy-fuzz: --seed TARGET FOLDER MAX_LEN FILE...\n".utf8))
        exit(2)
    }
    let written = FuzzSession.writeSeeds(target, into: arguments[3], maxLength: maxLength, paths: Array(arguments.dropFirst(5)))
    print("\(target.name): \(written) seeds")
    exit(0)
}
FuzzSession.target = target
guard mp_fuzz_is_linked() == 1 else {
    exit(FuzzSession.replay(target, paths: Array(arguments.dropFirst(2))) == 0 ? 0 : 1)
}
// Runs before LeakSanitizer's check at exit (exit handlers run last registered first; the sanitizer's came first).
atexit { FuzzExit.endThreads() }
// libFuzzer reads its flags and corpus folders from argv: hand it the arguments without the target's name.
var fuzzerArguments: [UnsafeMutablePointer<CChar>?] = ([arguments[0]] + arguments.dropFirst(2)).map { strdup($0) } + [nil]
var argumentCount = Int32(fuzzerArguments.count - 1)
exit(fuzzerArguments.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = buffer.baseAddress
    return mp_fuzz_run(&argumentCount, &argv, FuzzSession.callback)
})
