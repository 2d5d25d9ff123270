// The Socket.IO peer of the side-by-side benchmark (bench/README.md): a minimal classroom server. Several of these
// processes share one redis-server through @socket.io/redis-adapter; one room per classroom; websocket transport only.
//   join  (classroom, ack)          -> the socket joins the classroom's room
//   stroke(classroom, stroke, ack)  -> every member of the room, the publisher included, gets "stroke" with it
// Environment: PORT, REDIS_URL, CHANNEL_PREFIX (distinct per run, so runs sharing a redis-server never mix).
// Prints "listening <port>" once it accepts connections.
'use strict';

const http = require('node:http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

async function main() {
  const port = Number(process.env.PORT);
  const redisUrl = process.env.REDIS_URL;
  const key = process.env.CHANNEL_PREFIX || 'socket.io';
  if (!port || !redisUrl) {
    throw new Error('PORT and REDIS_URL are required');
  }

  const pubClient = createClient({ url: redisUrl });
  const subClient = pubClient.duplicate();
  pubClient.on('error', (error) => console.error('redis pub error', error.message));
  subClient.on('error', (error) => console.error('redis sub error', error.message));
  await Promise.all([pubClient.connect(), subClient.connect()]);

  const server = http.createServer();
  const io = new Server(server, {
    transports: ['websocket'],
    serveClient: false,
    adapter: createAdapter(pubClient, subClient, { key }),
  });

  io.on('connection', (socket) => {
    socket.on('join', (classroom, ack) => {
      if (typeof classroom !== 'string') {
        return;
      }
      socket.join(classroom);
      if (typeof ack === 'function') {
        ack();
      }
    });
    socket.on('stroke', (classroom, stroke, ack) => {
      if (typeof classroom !== 'string') {
        return;
      }
      io.to(classroom).emit('stroke', stroke);
      if (typeof ack === 'function') {
        ack();
      }
    });
  });

  const shutdown = () => {
    io.close();
    Promise.allSettled([pubClient.quit(), subClient.quit()]).finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  server.listen(port, '127.0.0.1', () => console.log(`listening ${port}`));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
