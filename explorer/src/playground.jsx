// The GraphQL playground (GraphiQL), bundled so that it works offline:
// investigators often work on machines without internet access, and a
// playground fetched from a CDN would leave them with a blank page.
import React from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";

const example = `# Who discussed Kosovo with whom, and which sentence proves it?
{
  discussions(topic: "Kosovo") {
    a { name }
    b { name }
    count
    evidence { cable { id subject } paragraph sentence kind }
  }
}
`;

function headers() {
  const t = sessionStorage.getItem("cablegraph-token");
  return t ? { Authorization: "Bearer " + t } : {};
}

const fetcher = createGraphiQLFetcher({ url: "/graphql", headers: headers() });
createRoot(document.getElementById("graphiql")).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: example, defaultEditorToolsVisibility: false }),
);
