// The peer for cablegraph's benchmarks: the same Neo4j graph (as written by
// `cablegraph load`) served by the Neo4j GraphQL Library, which is what people
// pick today to put GraphQL on Neo4j. Built-in filters, sorting and
// relationship traversal serve the cable and page queries; @cypher fields
// serve what the library has no built-in for (discussions, connection,
// neighborhood, full-text search). See BENCHMARKS.md.
//
// Environment: PORT (default 4000), NEO4J_URI (default bolt://127.0.0.1:7688),
// NEO4J_USER / NEO4J_PASSWORD (empty: no authentication), NEO4J_DATABASE (neo4j).
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = /* GraphQL */ `
  type Cable @node {
    id: ID!
    created: DateTime
    released: DateTime
    """
    created as text: the library serialises DateTime through APOC, which this
    Neo4j does not have, so queries select this @cypher field instead.
    """
    createdText: String @cypher(statement: "RETURN toString(this.created) AS v", columnName: "v")
    classification: String
    origin: String
    subject: String
    body: String
    tags: [String!]
    tagged: [Tag!]! @relationship(type: "TAGGED", direction: OUT)
    originatedIn: [Country!]! @relationship(type: "ORIGINATED_IN", direction: OUT)
    concerns: [Country!]! @relationship(type: "CONCERNS", direction: OUT, properties: "Concerns")
    cites: [Reference!]! @relationship(type: "CITES", direction: OUT)
    organizations: [Organization!]! @relationship(type: "MENTIONS_ORG", direction: OUT)
    persons: [Person!]! @relationship(type: "MENTIONED_IN", direction: IN, properties: "MentionedIn")
    citedBy: [Cable!]!
      @cypher(
        statement: "MATCH (this)<-[:RESOLVES_TO]-(:Reference)<-[:CITES]-(c:Cable) RETURN DISTINCT c ORDER BY c.id"
        columnName: "c"
      )
  }

  type Concerns @relationshipProperties {
    count: Int
    name: String
  }

  type MentionedIn @relationshipProperties {
    count: Int
    paragraphs: [Int!]
    name: String
    roles: [String!]
    how: [String!]
  }

  type Tag @node {
    code: String!
    meaning: String
    kind: String
    cables: [Cable!]! @relationship(type: "TAGGED", direction: IN)
  }

  type Country @node {
    code: String!
    name: String
  }

  type Reference @node {
    id: ID!
    kind: String
    resolvesTo: [Cable!]! @relationship(type: "RESOLVES_TO", direction: OUT)
  }

  type Organization @node {
    key: ID!
  }

  type Person @node {
    key: ID!
    name: String
    surname: String
    aliases: [String!]
    roles: [String!]
    countries: [String!]
    how: [String!]
    cables: Int
    mentionedIn: [Cable!]! @relationship(type: "MENTIONED_IN", direction: OUT)
    interactedWith: [Person!]! @relationship(type: "INTERACTED", direction: OUT, properties: "Interacted")
  }

  type Interacted @relationshipProperties {
    kind: String
    status: String
    cable: String
    paragraph: Int
    evidence: String
    topics: [String!]
    date: String
    confidence: Float
  }

  type Discussion {
    aKey: String!
    aName: String
    bKey: String!
    bName: String
    count: Int!
    firstDate: String
    lastDate: String
    cables: [String!]!
    evidence: [String!]!
  }

  type Connection {
    found: Boolean!
    persons: [String!]!
    names: [String!]!
    hops: [String!]!
    cables: [String!]!
    evidence: [String!]!
  }

  type SubgraphNode {
    id: String!
    kind: String!
    label: String
  }

  type SubgraphEdge {
    source: String!
    target: String!
    kind: String!
  }

  type Subgraph {
    nodes: [SubgraphNode!]!
    edges: [SubgraphEdge!]!
  }

  type SearchHit {
    id: ID!
    subject: String
    score: Float!
  }

  type Query {
    """
    Pairs who discussed a topic: interactions whose topics mention it (case
    insensitive), grouped by pair, most interactions first.
    """
    discussions(topic: String!, first: Int = 10): [Discussion!]!
      @cypher(
        statement: """
        WITH toLower($topic) AS q
        MATCH (a:Person)-[r:INTERACTED]->(b:Person)
        WHERE r.kind <> 'coMentioned' AND any(t IN r.topicsLower WHERE t CONTAINS q)
        WITH a, b, r ORDER BY r.date
        WITH a, b, count(r) AS n, min(r.date) AS first, max(r.date) AS last,
             collect(DISTINCT r.cable)[..20] AS cables, collect(r.evidence)[..3] AS evidence
        ORDER BY n DESC, a.key, b.key LIMIT $first
        RETURN {aKey: a.key, aName: a.name, bKey: b.key, bName: b.name, count: n,
                firstDate: toString(date(first)), lastDate: toString(date(last)), cables: cables, evidence: evidence} AS d
        """
        columnName: "d"
      )

    "The shortest chain of interactions linking two persons (by key), at most 4 hops."
    connection(a: String!, b: String!): Connection!
      @cypher(
        statement: """
        MATCH (x:Person {key: $a}), (y:Person {key: $b})
        OPTIONAL MATCH p = shortestPath((x)-[:INTERACTED*..4]-(y))
        WHERE all(r IN relationships(p) WHERE r.kind <> 'coMentioned')
        RETURN CASE WHEN p IS NULL THEN {found: false, persons: [], names: [], hops: [], cables: [], evidence: []}
          ELSE {found: true, persons: [n IN nodes(p) | n.key], names: [n IN nodes(p) | n.name],
                hops: [r IN relationships(p) | r.kind], cables: [r IN relationships(p) | r.cable],
                evidence: [r IN relationships(p) | r.evidence]} END AS c
        """
        columnName: "c"
      )

    "Nodes and edges within two hops of a cable (by id) or a person (by key), at most $limit nodes."
    neighborhood(id: ID!, limit: Int = 100): Subgraph
      @cypher(
        statement: """
        MATCH (s) WHERE (s:Cable AND s.id = $id) OR (s:Person AND s.key = $id)
        CALL (s) {
          MATCH (s)-[r1]-(m1)
          WITH DISTINCT m1, r1 LIMIT $limit
          OPTIONAL MATCH (m1)-[r2]-(m2) WHERE m2 <> s
          WITH m1, r1, m2, r2 LIMIT $limit
          RETURN collect(DISTINCT m1) + collect(DISTINCT m2) AS ns, collect(DISTINCT r1) + collect(DISTINCT r2) AS rs
        }
        WITH s, [n IN ns WHERE n IS NOT NULL][..$limit] AS ns, rs
        WITH [n IN [s] + ns | {id: labels(n)[0] + ':' + coalesce(n.id, n.key, n.code), kind: labels(n)[0],
                               label: coalesce(n.subject, n.name, n.meaning, n.id, n.key, n.code)}] AS nodes, rs
        RETURN {nodes: nodes,
                edges: [r IN rs WHERE r IS NOT NULL |
                  {source: labels(startNode(r))[0] + ':' + coalesce(startNode(r).id, startNode(r).key, startNode(r).code),
                   target: labels(endNode(r))[0] + ':' + coalesce(endNode(r).id, endNode(r).key, endNode(r).code),
                   kind: type(r)}]} AS g
        """
        columnName: "g"
      )

    "Full-text search over cable subject and body (the cableText index), best first."
    search(query: String!, first: Int = 20): [SearchHit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('cableText', $query) YIELD node, score
        RETURN {id: node.id, subject: node.subject, score: score} AS h
        LIMIT $first
        """
        columnName: "h"
      )
  }
`;

const uri = process.env.NEO4J_URI || "bolt://127.0.0.1:7688";
const auth = process.env.NEO4J_USER
  ? neo4j.auth.basic(process.env.NEO4J_USER, process.env.NEO4J_PASSWORD || "")
  : undefined;
const driver = neo4j.driver(uri, auth, { maxConnectionPoolSize: 100 });
const database = process.env.NEO4J_DATABASE || "neo4j";
const port = Number(process.env.PORT || 4000);

const neoSchema = new Neo4jGraphQL({ typeDefs, driver });
const schema = await neoSchema.getSchema();
const server = new ApolloServer({ schema });
const { url } = await startStandaloneServer(server, {
  listen: { port, host: "127.0.0.1" },
  context: async () => ({ sessionConfig: { database } }),
});
console.log(`neo4j-graphql peer ready at ${url} (Neo4j ${uri}, database ${database})`);

async function shutdown() {
  await server.stop();
  await driver.close();
  process.exit(0);
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
