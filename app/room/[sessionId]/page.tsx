import { Room } from '../Room';

export default async function RoomPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  return <Room sessionId={sessionId} />;
}
