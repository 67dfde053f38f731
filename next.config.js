/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks everything first; a second check inside `next build` only costs time
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
