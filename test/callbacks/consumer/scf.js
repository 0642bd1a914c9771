// Runs inside the consumer project: loads examples/receiver-scf/index.js (copied next to it) as
// SCF would, calls its main_handler with the events given as JSON on argv, prints the answers.
const events = JSON.parse(process.argv[2]);
const { main_handler: handler } = require("./index.js");

Promise.all(events.map((event) => handler(event, { request_id: "r1" }))).then((answers) =>
  console.log(`ANSWERS ${JSON.stringify(answers)}`),
);
