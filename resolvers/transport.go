package resolvers

import (
	"context"
	"net/http"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// leanPOST is gqlgen's POST transport writing a plain answer (data, no
// errors or extensions) itself. gqlgen writes every answer with
// json.Marshal, which re-validates and compacts the data gqlgen has just
// written compact: 8% of the server's CPU per search request. leanPOST
// gives transport.POST an executor whose response handler writes such an
// answer straight to the client, with the same bytes json.Marshal gives
// (appendData), and hands POST an empty answer whose bytes it drops; POST
// keeps its headers, status codes, request decoding and every other
// answer (errors, extensions, @defer).
type leanPOST struct {
	transport.POST
}

func (t leanPOST) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	lw := &leanWriter{ResponseWriter: w}
	t.POST.Do(lw, r, leanExecutor{GraphExecutor: exec, w: lw})
}

// leanWriter drops what POST writes after leanExecutor has written the
// answer.
type leanWriter struct {
	http.ResponseWriter
	written bool
}

func (w *leanWriter) Write(b []byte) (int, error) {
	if w.written {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

type leanExecutor struct {
	graphql.GraphExecutor
	w *leanWriter
}

func (e leanExecutor) DispatchOperation(ctx context.Context, rc *graphql.OperationContext) (graphql.ResponseHandler, context.Context) {
	next, ctx := e.GraphExecutor.DispatchOperation(ctx, rc)
	first := true
	return func(ctx context.Context) *graphql.Response {
		resp := next(ctx)
		if !first || e.w.written || !plainAnswer(resp) {
			return resp
		}
		first = false
		buf := appendData(make([]byte, 0, len(resp.Data)+16), resp.Data)
		_, _ = e.w.ResponseWriter.Write(buf) // as POST: a failed write is the client gone
		e.w.written = true
		return &graphql.Response{}
	}, ctx
}

// plainAnswer reports whether resp has nothing but data, the one shape
// appendData writes.
func plainAnswer(resp *graphql.Response) bool {
	return resp != nil && (resp.Data == nil || len(resp.Data) > 0) && len(resp.Errors) == 0 &&
		resp.Label == "" && resp.Path == nil && resp.HasNext == nil && len(resp.Extensions) == 0
}

// appendData appends {"data":data} to dst as json.Marshal writes a
// graphql.Response holding only data: null for none, else data without
// whitespace outside strings and with <, >, &, U+2028 and U+2029 escaped
// as \u003c, \u003e, \u0026, \u2028 and \u2029. data is the executor's
// own output, valid JSON, so it is not validated again.
func appendData(dst, data []byte) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, `{"data":`...)
	if len(data) == 0 {
		return append(dst, "null}"...)
	}
	inString, escaped := false, false
	start := 0
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case c == '<' || c == '>' || c == '&':
			dst = append(dst, data[start:i]...)
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			start = i + 1
		case c == 0xE2 && i+2 < len(data) && data[i+1] == 0x80 && data[i+2]&^1 == 0xA8:
			dst = append(dst, data[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[data[i+2]&0xF])
			start = i + 3
			i += 2
			escaped = false
			continue
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			dst = append(dst, data[start:i]...)
			start = i + 1
		}
		escaped = false
	}
	dst = append(dst, data[start:]...)
	return append(dst, '}')
}
