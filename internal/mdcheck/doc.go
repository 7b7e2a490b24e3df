// Package mdcheck checks the relative links of a repository's Markdown
// files, so that documentation cannot point at a file that moved, at a
// heading that was renamed, or outside the repository.
//
// A link is checked when its destination is not a URL (no scheme such as
// https: or mailto:, and not protocol-relative). Its path, taken relative to
// the linking file's directory (or to the repository root when it starts
// with "/", as GitHub resolves it), must name an existing file or directory
// inside the root; a path that climbs out of the root with "../" is an error
// even when the target exists. A fragment (#name) on a link to a Markdown
// file, or on a link within the same file, must name one of its anchors:
// a heading, by GitHub's heading-slug rule (Slug), or an explicit HTML
// anchor (<a id="name"> or name="name").
//
// The checked forms are inline links and images ([text](dest),
// ![alt](dest)), reference definitions ([label]: dest) and the href and src
// attributes of inline HTML. Fenced and indented code blocks, code spans and
// HTML comments are skipped, as a Markdown renderer would.
package mdcheck
