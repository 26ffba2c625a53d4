// Package output writes a built site, or an archive, to disk so that nothing
// is lost or half-written. These are its guarantees; the README points here.
//
// Atomic replacement. Files go into a temporary directory beside the target,
// .NAME.gongkai-tmp; only when every file is written does it replace the
// target. On Linux the two are swapped in one renameat2(RENAME_EXCHANGE), so a
// web server always finds a complete old or new tree at the target. Where the
// exchange is not available (another system, or a file system without it)
// the target is first renamed to .NAME.gongkai-old and the new tree then
// renamed in: between those two renames the target is briefly missing, and a
// build killed there leaves the previous output in .NAME.gongkai-old, which
// the next build renames back before doing anything else. A build that fails
// or is killed at any other instant leaves the previous output at the target,
// and nothing from an earlier build lingers in the new one. The guarantee is
// against a killed process, not a power cut: files are not fsynced, because
// syncing every page would make each build many times slower.
//
// Never the user's files. A target that exists, is not empty and was not made
// by gongkai (it lacks the marker file, or an archive's manifest) is refused
// and left as it is. A target that is a symbolic link is refused too: a
// rename replaces the link itself with a directory, so the directory it
// points to would silently stop being updated. Set --out to the real
// directory instead. CheckPlacement further refuses an output inside the
// source (the source root, content/, layouts/ or static/), which the next
// build would read back as source or replace whole; public/ directly under
// the site root is fine.
//
// One writer at a time. While a build writes, it holds an exclusive lock,
// flock(2) on .NAME.gongkai-lock beside the target, which holds its process
// id. A second build of the same target does not wait: it fails at once
// with a message naming the holder's process id, and touches nothing. The
// kernel releases the lock when a build exits or is killed, so a crash never
// leaves a target locked; temporary directories that a killed build left
// behind are removed only by the next build that holds the lock, never from
// under a build still running. On systems without flock (other than
// Windows, which uses LockFileEx) there is no lock.
//
// Readable by a web server. A new target's folders are made 0755 and its
// files 0644, less the process umask, as mkdir(1) and a shell redirect would
// make them; a portal's web server can read them. When the target already
// exists, the new top directory keeps the old one's mode and, where the
// process may set them (as root), its owner and group, so that permissions
// an administrator set on the web root survive rebuilds.
package output
