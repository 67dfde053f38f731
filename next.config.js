/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // a second build directory lets two checkouts' builds (or a build and a running server) not collide
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // `npm test` type-checks everything first; a second check inside `next build` only costs time
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
