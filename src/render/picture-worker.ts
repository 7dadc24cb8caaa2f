import { makeOne, type PictureFile } from './pictures.ts';

// The process `makePictures` starts: it makes the pictures it is sent, answers for each as it is
// made, and exits once all are answered, giving back all the memory the image library took. It
// also exits when the build that started it is gone.
process.once('message', async ({ files, dir }: { files: PictureFile[]; dir: string }) => {
  await Promise.all(files.map(async (file) => {
    const outcome = await makeOne(file, dir);
    await new Promise((sent) => process.send!(outcome, sent));
  }));
  process.disconnect();
});
process.once('disconnect', () => process.exit(0));
