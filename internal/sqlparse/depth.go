package sqlparse

import (
	"fmt"
	"strings"
)

// maxNesting is the deepest statement, in levels estimated by tooDeep, that
// Parse hands to pg_query.
//
// pg_query parses deep expressions (a chain of thousands of "+" or "||", of
// casts, joins or UNIONs) without trouble, but converts the tree to protobuf
// with a recursive C function that uses about 340 bytes of stack per level:
// about 24,000 levels overflow an 8 MB thread stack and crash the whole
// process (SIGSEGV, not an error). Go's protobuf decoder then refuses trees
// deeper than about 5,000 expression levels (10,000 set operations) anyway.
// Rejecting statements above 5,000 estimated levels therefore loses nothing
// that worked, and keeps the C recursion under about 1.7 MB of stack.
const maxNesting = 5000

// tooDeep estimates, from the tokens of the text, how deeply the parse tree of
// each top-level statement nests, and returns the offset of the first token
// of the first statement above maxNesting, or -1.
//
// The estimate is an upper bound for the constructs that nest without
// parentheses: left-associative operators (each one adds a level to the
// operand before it), joins and set operations. Along a path of open
// parentheses it adds one level per parenthesis and one per operator met in
// each enclosing group since its last separator: siblings (list items, AND/OR
// operands, CASE branches) do not add up. Set operations count half: their
// tree levels are half as deep in protobuf.
func tooDeep(toks []token) int {
	groups := []int{0} // operators since the last separator, per open group
	sum := 0           // sum of groups
	setOps, joins := 0, 0
	start := -1 // first token of the current statement
	for _, tok := range toks {
		if tok.isComment() {
			continue
		}
		if start < 0 {
			start = tok.start
		}
		top := len(groups) - 1
		switch tok.kind {
		case tokSemicolon:
			if top == 0 {
				groups[0], sum, setOps, joins, start = 0, 0, 0, 0, -1
				continue
			}
			sum -= groups[top]
			groups[top] = 0
		case tokSeparator:
			sum -= groups[top]
			groups[top] = 0
		case tokOpen:
			groups = append(groups, 0)
		case tokClose:
			if top > 0 {
				sum -= groups[top]
				groups = groups[:top]
			}
		case tokChain:
			groups[top]++
			sum++
		case tokSetOp:
			setOps++
		case tokJoin:
			joins++
		}
		if sum+len(groups)-1+setOps/2+joins > maxNesting {
			return start
		}
	}
	return -1
}

// tooDeepMessage explains why a statement was rejected by tooDeep.
var tooDeepMessage = fmt.Sprintf("statement nested too deeply: more than %d levels of operators, parentheses, joins "+
	"or set operations, which dbcd's parser cannot handle; split it into smaller statements", maxNesting)

// maxCommentDepth is the deepest nesting of block comments that Parse hands
// to pg_query, whose scanner takes time quadratic in the nesting depth (20 s
// for 40,000 levels).
const maxCommentDepth = 1000

// commentTooDeep returns the offset of the first block comment of body nested
// more than maxCommentDepth levels deep, or -1. Files with fewer "/*" than
// that are not lexed at all.
func commentTooDeep(body string) int {
	if strings.Count(body, "/*") <= maxCommentDepth {
		return -1
	}
	for _, tok := range scanLoosely(body) {
		if tok.kind != tokBlockComment {
			continue
		}
		depth := 0
		c := body[tok.start:tok.end]
		for i := 0; i+1 < len(c); i++ {
			switch c[i : i+2] {
			case "/*":
				depth++
				i++
			case "*/":
				depth--
				i++
			}
			if depth > maxCommentDepth {
				return tok.start
			}
		}
	}
	return -1
}

// commentTooDeepMessage explains why a file was rejected by commentTooDeep.
var commentTooDeepMessage = fmt.Sprintf("block comment nested more than %d levels deep: "+
	"close each /* with */ (block comments nest in PostgreSQL)", maxCommentDepth)
